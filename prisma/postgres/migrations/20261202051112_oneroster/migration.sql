-- CreateTable
CREATE TABLE "OneRosterClass" (
    "orgId" TEXT NOT NULL,
    "sourcedId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OneRosterClass_pkey" PRIMARY KEY ("orgId","sourcedId")
);

-- CreateTable
CREATE TABLE "OneRosterUser" (
    "orgId" TEXT NOT NULL,
    "sourcedId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OneRosterUser_pkey" PRIMARY KEY ("orgId","sourcedId")
);

-- CreateIndex
CREATE UNIQUE INDEX "OneRosterClass_groupId_key" ON "OneRosterClass"("groupId");

-- CreateIndex
CREATE INDEX "OneRosterUser_userId_idx" ON "OneRosterUser"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "OneRosterUser_orgId_userId_key" ON "OneRosterUser"("orgId", "userId");

-- AddForeignKey
ALTER TABLE "OneRosterClass" ADD CONSTRAINT "OneRosterClass_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OneRosterClass" ADD CONSTRAINT "OneRosterClass_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OneRosterUser" ADD CONSTRAINT "OneRosterUser_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OneRosterUser" ADD CONSTRAINT "OneRosterUser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
