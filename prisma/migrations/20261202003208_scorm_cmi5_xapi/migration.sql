-- CreateTable
CREATE TABLE "LrsConnection" (
    "orgId" TEXT NOT NULL PRIMARY KEY,
    "endpoint" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "secretSealed" TEXT NOT NULL,
    "actorSalt" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LrsConnection_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "XapiStatement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME,
    "lastError" TEXT,
    CONSTRAINT "XapiStatement_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PackageLaunch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "learnerId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "PackageLaunch_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PackageLaunch_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "XapiStatement_deliveredAt_nextAttemptAt_idx" ON "XapiStatement"("deliveredAt", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "XapiStatement_orgId_deliveredAt_idx" ON "XapiStatement"("orgId", "deliveredAt");

-- CreateIndex
CREATE INDEX "PackageLaunch_expiresAt_idx" ON "PackageLaunch"("expiresAt");

-- CreateIndex
CREATE INDEX "PackageLaunch_learnerId_idx" ON "PackageLaunch"("learnerId");
