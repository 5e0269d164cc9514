-- AlterTable
ALTER TABLE "GroupMember" ADD COLUMN     "sortName" TEXT;

-- CreateIndex
CREATE INDEX "GroupMember_groupId_sortName_userId_idx" ON "GroupMember"("groupId", "sortName", "userId");
