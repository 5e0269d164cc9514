-- AlterTable
ALTER TABLE "User" ADD COLUMN "searchName" TEXT;
ALTER TABLE "User" ADD COLUMN "sortName" TEXT;

-- CreateIndex
CREATE INDEX "User_sortName_idx" ON "User"("sortName");

