-- AlterTable
ALTER TABLE "QuizAttempt" ADD COLUMN     "drawSeed" INTEGER;

-- CreateTable
CREATE TABLE "PretestAttempt" (
    "id" TEXT NOT NULL,
    "learnerId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "courseVersion" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "layout" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "maxScore" INTEGER NOT NULL,
    "drawSeed" INTEGER NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PretestAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PracticeChoice" (
    "id" TEXT NOT NULL,
    "learnerId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "choiceId" TEXT NOT NULL,
    "pick" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PracticeChoice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PretestAttempt_token_key" ON "PretestAttempt"("token");

-- CreateIndex
CREATE INDEX "PretestAttempt_courseSlug_idx" ON "PretestAttempt"("courseSlug");

-- CreateIndex
CREATE UNIQUE INDEX "PretestAttempt_learnerId_courseSlug_key" ON "PretestAttempt"("learnerId", "courseSlug");

-- CreateIndex
CREATE UNIQUE INDEX "PracticeChoice_learnerId_courseSlug_lessonSlug_choiceId_key" ON "PracticeChoice"("learnerId", "courseSlug", "lessonSlug", "choiceId");

-- AddForeignKey
ALTER TABLE "PretestAttempt" ADD CONSTRAINT "PretestAttempt_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeChoice" ADD CONSTRAINT "PracticeChoice_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;
