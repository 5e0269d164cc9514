-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "orgId" TEXT;

-- CreateTable
CREATE TABLE "CertificateShare" (
    "certificateId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CertificateShare_pkey" PRIMARY KEY ("certificateId","orgId")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "groupId" TEXT,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "sendCount" INTEGER NOT NULL DEFAULT 1,
    "acceptedAt" TIMESTAMP(3),
    "acceptedById" TEXT,
    "withdrawnAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seenAt" TIMESTAMP(3),

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrgDigest" (
    "orgId" TEXT NOT NULL,
    "lastSentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrgDigest_pkey" PRIMARY KEY ("orgId")
);

-- CreateIndex
CREATE INDEX "CertificateShare_orgId_idx" ON "CertificateShare"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_orgId_email_idx" ON "Invitation"("orgId", "email");

-- CreateIndex
CREATE INDEX "Notice_userId_seenAt_idx" ON "Notice"("userId", "seenAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notice_userId_assignmentId_day_key" ON "Notice"("userId", "assignmentId", "day");

-- CreateIndex
CREATE INDEX "Certificate_orgId_idx" ON "Certificate"("orgId");

-- AddForeignKey
ALTER TABLE "CertificateShare" ADD CONSTRAINT "CertificateShare_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateShare" ADD CONSTRAINT "CertificateShare_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_acceptedById_fkey" FOREIGN KEY ("acceptedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrgDigest" ADD CONSTRAINT "OrgDigest_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The SQLite set's hand-written data steps (20261202020000_certificate_org_scope, 20261202020100_roles_admin_viewer), the same SQL on PostgreSQL.
-- Existing certificates (decision 015): each goes to the organisation whose assignment it
-- completed, but only where that is unambiguous: the holder was, when it was issued, in groups
-- of exactly one organisation that had assigned the course. Every other certificate stays the
-- holder's alone (they can share it from its page).
UPDATE "Certificate" SET "orgId" = (
    SELECT MIN("Group"."orgId") FROM "GroupMember"
    JOIN "Group" ON "Group"."id" = "GroupMember"."groupId"
    JOIN "Assignment" ON "Assignment"."groupId" = "Group"."id"
    WHERE "GroupMember"."userId" = "Certificate"."userId"
      AND "Assignment"."courseSlug" = "Certificate"."courseSlug"
      AND "Assignment"."createdAt" <= "Certificate"."issuedAt"
      AND "GroupMember"."joinedAt" <= "Certificate"."issuedAt"
)
WHERE "userId" IS NOT NULL AND (
    SELECT COUNT(DISTINCT "Group"."orgId") FROM "GroupMember"
    JOIN "Group" ON "Group"."id" = "GroupMember"."groupId"
    JOIN "Assignment" ON "Assignment"."groupId" = "Group"."id"
    WHERE "GroupMember"."userId" = "Certificate"."userId"
      AND "Assignment"."courseSlug" = "Certificate"."courseSlug"
      AND "Assignment"."createdAt" <= "Certificate"."issuedAt"
      AND "GroupMember"."joinedAt" <= "Certificate"."issuedAt"
) = 1;

-- Roles (decision 020): the staff role "teacher" becomes "admin", and "viewer" (report viewer) is new.
UPDATE "Membership" SET "role" = 'admin' WHERE "role" = 'teacher';
UPDATE "OrgInvite" SET "role" = 'admin' WHERE "role" = 'teacher';
