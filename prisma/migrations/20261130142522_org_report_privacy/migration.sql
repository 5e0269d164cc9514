-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'kk',
    "code" TEXT NOT NULL,
    "aggregateOnly" BOOLEAN NOT NULL DEFAULT false,
    "minReportGroupSize" INTEGER NOT NULL DEFAULT 5,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organisation" ("code", "createdAt", "id", "kind", "locale", "name", "slug", "updatedAt") SELECT "code", "createdAt", "id", "kind", "locale", "name", "slug", "updatedAt" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");
CREATE UNIQUE INDEX "Organisation_code_key" ON "Organisation"("code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
