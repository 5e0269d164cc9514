-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN "orgId" TEXT;

-- CreateTable
CREATE TABLE "CertificateShare" (
    "certificateId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("certificateId", "orgId"),
    CONSTRAINT "CertificateShare_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CertificateShare_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CertificateShare_orgId_idx" ON "CertificateShare"("orgId");

-- CreateIndex
CREATE INDEX "Certificate_orgId_idx" ON "Certificate"("orgId");

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
