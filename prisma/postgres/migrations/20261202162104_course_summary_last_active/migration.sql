-- AlterTable
ALTER TABLE "LearnerCourseSummary" ADD COLUMN     "lastActiveAt" TIMESTAMP(3);

-- Existing summaries: the latest lesson completed or attempt submitted on the course
UPDATE "LearnerCourseSummary" SET "lastActiveAt" = (
  SELECT MAX("at") FROM (
    SELECT MAX(p."completedAt") AS "at" FROM "LessonProgress" p
      WHERE p."learnerId" = "LearnerCourseSummary"."learnerId" AND p."courseSlug" = "LearnerCourseSummary"."courseSlug"
    UNION ALL
    SELECT MAX(a."submittedAt") AS "at" FROM "QuizAttempt" a
      WHERE a."learnerId" = "LearnerCourseSummary"."learnerId" AND a."courseSlug" = "LearnerCourseSummary"."courseSlug"
  ) AS "activity"
);
