-- CreateTable
CREATE TABLE "ReviewCard" (
    "id" TEXT NOT NULL,
    "learnerId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "due" TIMESTAMP(3) NOT NULL,
    "stability" DOUBLE PRECISION NOT NULL,
    "difficulty" DOUBLE PRECISION NOT NULL,
    "elapsedDays" INTEGER NOT NULL DEFAULT 0,
    "scheduledDays" INTEGER NOT NULL DEFAULT 0,
    "learningSteps" INTEGER NOT NULL DEFAULT 0,
    "reps" INTEGER NOT NULL DEFAULT 0,
    "lapses" INTEGER NOT NULL DEFAULT 0,
    "state" INTEGER NOT NULL DEFAULT 0,
    "lastReview" TIMESTAMP(3),

    CONSTRAINT "ReviewCard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewSession" (
    "id" TEXT NOT NULL,
    "learnerId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "results" TEXT NOT NULL,
    "answered" INTEGER NOT NULL,
    "right" INTEGER NOT NULL,

    CONSTRAINT "ReviewSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfflineSubmission" (
    "id" TEXT NOT NULL,
    "learnerId" TEXT NOT NULL,
    "resultPath" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfflineSubmission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LearnerCourseSummary" (
    "learnerId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "lessonsDone" INTEGER NOT NULL DEFAULT 0,
    "bestScore" INTEGER,
    "maxScore" INTEGER,
    "certifiedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LearnerCourseSummary_pkey" PRIMARY KEY ("learnerId","courseSlug")
);

-- CreateTable
CREATE TABLE "CourseSummaryBasis" (
    "courseSlug" TEXT NOT NULL,
    "lessons" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CourseSummaryBasis_pkey" PRIMARY KEY ("courseSlug")
);

-- CreateTable
CREATE TABLE "LrsConnection" (
    "orgId" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "secretSealed" TEXT NOT NULL,
    "actorSalt" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LrsConnection_pkey" PRIMARY KEY ("orgId")
);

-- CreateTable
CREATE TABLE "XapiStatement" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "XapiStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PackageLaunch" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "learnerId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PackageLaunch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiPlatform" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "authUrl" TEXT NOT NULL,
    "tokenUrl" TEXT NOT NULL,
    "jwksUrl" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LtiPlatform_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiDeployment" (
    "platformId" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LtiDeployment_pkey" PRIMARY KEY ("platformId","deploymentId")
);

-- CreateTable
CREATE TABLE "LtiRegistrationToken" (
    "tokenHash" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LtiRegistrationToken_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "LtiNonce" (
    "key" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiNonce_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "LtiUser" (
    "platformId" TEXT NOT NULL,
    "sub" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LtiUser_pkey" PRIMARY KEY ("platformId","sub")
);

-- CreateTable
CREATE TABLE "LtiContext" (
    "platformId" TEXT NOT NULL,
    "contextId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,

    CONSTRAINT "LtiContext_pkey" PRIMARY KEY ("platformId","contextId")
);

-- CreateTable
CREATE TABLE "LtiGradeLink" (
    "id" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "sub" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "lineItemUrl" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiGradeLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiScoreDelivery" (
    "id" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "sub" TEXT NOT NULL,
    "lineItemUrl" TEXT NOT NULL,
    "scoreGiven" INTEGER NOT NULL,
    "scoreMaximum" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "tries" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "LtiScoreDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewCard_learnerId_due_idx" ON "ReviewCard"("learnerId", "due");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewCard_learnerId_courseSlug_questionId_key" ON "ReviewCard"("learnerId", "courseSlug", "questionId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewSession_token_key" ON "ReviewSession"("token");

-- CreateIndex
CREATE INDEX "ReviewSession_learnerId_submittedAt_idx" ON "ReviewSession"("learnerId", "submittedAt");

-- CreateIndex
CREATE INDEX "LearnerCourseSummary_courseSlug_lessonsDone_idx" ON "LearnerCourseSummary"("courseSlug", "lessonsDone");

-- CreateIndex
CREATE INDEX "XapiStatement_deliveredAt_nextAttemptAt_idx" ON "XapiStatement"("deliveredAt", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "XapiStatement_orgId_deliveredAt_idx" ON "XapiStatement"("orgId", "deliveredAt");

-- CreateIndex
CREATE INDEX "PackageLaunch_expiresAt_idx" ON "PackageLaunch"("expiresAt");

-- CreateIndex
CREATE INDEX "PackageLaunch_learnerId_idx" ON "PackageLaunch"("learnerId");

-- CreateIndex
CREATE INDEX "LtiPlatform_orgId_idx" ON "LtiPlatform"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "LtiPlatform_issuer_clientId_key" ON "LtiPlatform"("issuer", "clientId");

-- CreateIndex
CREATE INDEX "LtiRegistrationToken_orgId_idx" ON "LtiRegistrationToken"("orgId");

-- CreateIndex
CREATE INDEX "LtiNonce_expiresAt_idx" ON "LtiNonce"("expiresAt");

-- CreateIndex
CREATE INDEX "LtiUser_userId_idx" ON "LtiUser"("userId");

-- CreateIndex
CREATE INDEX "LtiContext_groupId_idx" ON "LtiContext"("groupId");

-- CreateIndex
CREATE INDEX "LtiGradeLink_platformId_idx" ON "LtiGradeLink"("platformId");

-- CreateIndex
CREATE UNIQUE INDEX "LtiGradeLink_userId_courseSlug_lineItemUrl_key" ON "LtiGradeLink"("userId", "courseSlug", "lineItemUrl");

-- CreateIndex
CREATE INDEX "LtiScoreDelivery_deliveredAt_nextAttemptAt_idx" ON "LtiScoreDelivery"("deliveredAt", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "LtiScoreDelivery_attemptId_idx" ON "LtiScoreDelivery"("attemptId");

-- AddForeignKey
ALTER TABLE "ReviewCard" ADD CONSTRAINT "ReviewCard_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewSession" ADD CONSTRAINT "ReviewSession_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfflineSubmission" ADD CONSTRAINT "OfflineSubmission_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LearnerCourseSummary" ADD CONSTRAINT "LearnerCourseSummary_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LrsConnection" ADD CONSTRAINT "LrsConnection_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "XapiStatement" ADD CONSTRAINT "XapiStatement_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PackageLaunch" ADD CONSTRAINT "PackageLaunch_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PackageLaunch" ADD CONSTRAINT "PackageLaunch_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiPlatform" ADD CONSTRAINT "LtiPlatform_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiDeployment" ADD CONSTRAINT "LtiDeployment_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiRegistrationToken" ADD CONSTRAINT "LtiRegistrationToken_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiUser" ADD CONSTRAINT "LtiUser_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiUser" ADD CONSTRAINT "LtiUser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiContext" ADD CONSTRAINT "LtiContext_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiContext" ADD CONSTRAINT "LtiContext_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiGradeLink" ADD CONSTRAINT "LtiGradeLink_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiScoreDelivery" ADD CONSTRAINT "LtiScoreDelivery_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill (as the SQLite migration 20261202003119_learner_course_summaries does): a row for every
-- learner and course with a completed lesson, a submitted attempt or an unrevoked certificate.
-- The server's start-up recounts lessons against each course's current list (CourseSummaryBasis
-- is empty).
INSERT INTO "LearnerCourseSummary" ("learnerId", "courseSlug", "lessonsDone", "bestScore", "maxScore", "certifiedUntil", "updatedAt")
SELECT
    k."learnerId",
    k."courseSlug",
    (SELECT COUNT(*) FROM "LessonProgress" p WHERE p."learnerId" = k."learnerId" AND p."courseSlug" = k."courseSlug" AND p."completedAt" IS NOT NULL),
    (SELECT MAX(a."score") FROM "QuizAttempt" a WHERE a."learnerId" = k."learnerId" AND a."courseSlug" = k."courseSlug" AND a."submittedAt" IS NOT NULL),
    (SELECT MAX(a."maxScore") FROM "QuizAttempt" a WHERE a."learnerId" = k."learnerId" AND a."courseSlug" = k."courseSlug" AND a."submittedAt" IS NOT NULL),
    (SELECT MAX(COALESCE(c."expiresAt", TIMESTAMP '9999-12-31 00:00:00')) FROM "Certificate" c JOIN "Learner" l ON l."userId" = c."userId"
        WHERE l."id" = k."learnerId" AND c."courseSlug" = k."courseSlug" AND c."revokedAt" IS NULL),
    CURRENT_TIMESTAMP
FROM (
    SELECT "learnerId", "courseSlug" FROM "LessonProgress" WHERE "completedAt" IS NOT NULL
    UNION SELECT "learnerId", "courseSlug" FROM "QuizAttempt" WHERE "submittedAt" IS NOT NULL
    UNION SELECT l."id", c."courseSlug" FROM "Certificate" c JOIN "Learner" l ON l."userId" = c."userId" WHERE c."revokedAt" IS NULL
) k;
