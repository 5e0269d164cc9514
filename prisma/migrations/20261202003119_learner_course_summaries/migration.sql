-- CreateTable
CREATE TABLE "LearnerCourseSummary" (
    "learnerId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "lessonsDone" INTEGER NOT NULL DEFAULT 0,
    "bestScore" INTEGER,
    "maxScore" INTEGER,
    "certifiedUntil" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("learnerId", "courseSlug"),
    CONSTRAINT "LearnerCourseSummary_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CourseSummaryBasis" (
    "courseSlug" TEXT NOT NULL PRIMARY KEY,
    "lessons" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "LearnerCourseSummary_courseSlug_lessonsDone_idx" ON "LearnerCourseSummary"("courseSlug", "lessonsDone");

-- Backfill: a row for every learner and course with a completed lesson, a submitted attempt or
-- an unrevoked certificate (the rows rebuildSummaries() makes). Lessons are counted here without
-- knowing which ones each course has now: the server's start-up recounts every course whose
-- lesson list it has not counted against (CourseSummaryBasis is empty).
INSERT INTO "LearnerCourseSummary" ("learnerId", "courseSlug", "lessonsDone", "bestScore", "maxScore", "certifiedUntil", "updatedAt")
SELECT
    k."learnerId",
    k."courseSlug",
    (SELECT COUNT(*) FROM "LessonProgress" p WHERE p."learnerId" = k."learnerId" AND p."courseSlug" = k."courseSlug" AND p."completedAt" IS NOT NULL),
    (SELECT MAX(a."score") FROM "QuizAttempt" a WHERE a."learnerId" = k."learnerId" AND a."courseSlug" = k."courseSlug" AND a."submittedAt" IS NOT NULL),
    (SELECT MAX(a."maxScore") FROM "QuizAttempt" a WHERE a."learnerId" = k."learnerId" AND a."courseSlug" = k."courseSlug" AND a."submittedAt" IS NOT NULL),
    (SELECT MAX(COALESCE(c."expiresAt", '9999-12-31T00:00:00.000+00:00')) FROM "Certificate" c JOIN "Learner" l ON l."userId" = c."userId"
        WHERE l."id" = k."learnerId" AND c."courseSlug" = k."courseSlug" AND c."revokedAt" IS NULL),
    strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
FROM (
    SELECT "learnerId", "courseSlug" FROM "LessonProgress" WHERE "completedAt" IS NOT NULL
    UNION SELECT "learnerId", "courseSlug" FROM "QuizAttempt" WHERE "submittedAt" IS NOT NULL
    UNION SELECT l."id", c."courseSlug" FROM "Certificate" c JOIN "Learner" l ON l."userId" = c."userId" WHERE c."revokedAt" IS NULL
) k;
