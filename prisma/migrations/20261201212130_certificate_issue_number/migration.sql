-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "userId" TEXT,
    "holderName" TEXT NOT NULL,
    "showFullName" BOOLEAN NOT NULL DEFAULT false,
    "courseSlug" TEXT NOT NULL,
    "courseVersion" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME,
    "revokeReason" TEXT,
    "issueNumber" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Certificate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Certificates already issued are numbered in the order they were issued, so that duplicates left
-- by the old check-then-insert keep apart under the new unique key.
INSERT INTO "new_Certificate" ("code", "courseSlug", "courseVersion", "expiresAt", "holderName", "id", "issuedAt", "locale", "revokeReason", "revokedAt", "showFullName", "userId", "issueNumber") SELECT "code", "courseSlug", "courseVersion", "expiresAt", "holderName", "id", "issuedAt", "locale", "revokeReason", "revokedAt", "showFullName", "userId", ROW_NUMBER() OVER (PARTITION BY "userId", "courseSlug", "courseVersion" ORDER BY "issuedAt", "id") FROM "Certificate";
DROP TABLE "Certificate";
ALTER TABLE "new_Certificate" RENAME TO "Certificate";
CREATE UNIQUE INDEX "Certificate_code_key" ON "Certificate"("code");
CREATE INDEX "Certificate_userId_courseSlug_idx" ON "Certificate"("userId", "courseSlug");
CREATE INDEX "Certificate_courseSlug_expiresAt_idx" ON "Certificate"("courseSlug", "expiresAt");
CREATE UNIQUE INDEX "Certificate_userId_courseSlug_courseVersion_issueNumber_key" ON "Certificate"("userId", "courseSlug", "courseVersion", "issueNumber");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
