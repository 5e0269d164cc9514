-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "issueNumber" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,
    "blockedUntil" TIMESTAMP(3),

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "TrustedDevice" (
    "id" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrustedDevice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PendingSignup" (
    "tokenHash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingSignup_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "CertificateCredential" (
    "certificateId" TEXT NOT NULL,
    "statusIndex" INTEGER NOT NULL,
    "identityType" TEXT NOT NULL,
    "identityHash" TEXT NOT NULL,
    "salt" TEXT NOT NULL,
    "holderDid" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CertificateCredential_pkey" PRIMARY KEY ("certificateId")
);

-- CreateTable
CREATE TABLE "RecertificationReminder" (
    "id" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecertificationReminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RateLimit_lastAt_idx" ON "RateLimit"("lastAt");

-- CreateIndex
CREATE INDEX "TrustedDevice_seenAt_idx" ON "TrustedDevice"("seenAt");

-- CreateIndex
CREATE INDEX "PendingSignup_expiresAt_idx" ON "PendingSignup"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "CertificateCredential_statusIndex_key" ON "CertificateCredential"("statusIndex");

-- CreateIndex
CREATE UNIQUE INDEX "RecertificationReminder_certificateId_kind_key" ON "RecertificationReminder"("certificateId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_userId_courseSlug_courseVersion_issueNumber_key" ON "Certificate"("userId", "courseSlug", "courseVersion", "issueNumber");

-- AddForeignKey
ALTER TABLE "CertificateCredential" ADD CONSTRAINT "CertificateCredential_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecertificationReminder" ADD CONSTRAINT "RecertificationReminder_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE CASCADE ON UPDATE CASCADE;
