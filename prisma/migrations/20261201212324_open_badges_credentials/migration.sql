-- CreateTable
CREATE TABLE "CertificateCredential" (
    "certificateId" TEXT NOT NULL PRIMARY KEY,
    "statusIndex" INTEGER NOT NULL,
    "identityType" TEXT NOT NULL,
    "identityHash" TEXT NOT NULL,
    "salt" TEXT NOT NULL,
    "holderDid" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CertificateCredential_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecertificationReminder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "certificateId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RecertificationReminder_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CertificateCredential_statusIndex_key" ON "CertificateCredential"("statusIndex");

-- CreateIndex
CREATE UNIQUE INDEX "RecertificationReminder_certificateId_kind_key" ON "RecertificationReminder"("certificateId", "kind");
