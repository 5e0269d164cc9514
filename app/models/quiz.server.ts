// Quiz attempts: every submitted attempt is stored with its layout and answers. The best attempt
// counts.
import { Prisma } from '~/generated/prisma/client.ts'
import { isUniqueViolation } from '~/utils/db-errors.server.ts'
import { newId } from '~/models/factories.server.ts'
import type { QuizDefinition } from '~/courses/schema.ts'
import { bestAttempt } from '~/quiz/best-attempt.ts'
import type { Grade, Layout } from '~/quiz/grading.ts'
import { prisma } from '~/utils/db.server.ts'
import { recordScore } from '~/models/learner-summary.server.ts'
import { queueLtiScores } from '~/models/lti-scores.server.ts'
import { learnerWhere, type LearnerRef } from '~/models/learner-ref.server.ts'
import { scheduleFromAttempt } from '~/models/review.server.ts'
import { attemptStatements } from '~/xapi/statements.ts'
import { queueStatements } from '~/models/xapi-outbox.server.ts'

type NewAttempt = {
	learnerId: string
	courseSlug: string
	courseVersion: string
	locale: string
	nonce: string
	layout: Layout
	drawSeed: number
	startedAt: Date
	grade: Grade
	/** The quiz graded: its answers also schedule the learner's spaced review (decision 018). */
	quiz: QuizDefinition
	/** Run first in the attempt's transaction (the write limit, counted in it): throwing rolls the attempt back. */
	limit: (tx: Prisma.TransactionClient) => Promise<void>
}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The attempt's answers in one plain INSERT (it reads the same on SQLite and PostgreSQL): Prisma's
 * nested create, a createMany, cost about 0.5 ms of CPU per row, 5 ms for a ten-question quiz,
 * against under 1 ms for this. Ids are made here, as Prisma's default would (a cuid's shape).
 */
async function insertAnswers(tx: Prisma.TransactionClient, attemptId: string, results: Grade['results']) {
	if (results.length === 0) return
	const rows = results.map((result) => Prisma.sql`(${newId()}, ${attemptId}, ${result.questionId}, ${JSON.stringify(result.chosen)}, ${result.correct})`)
	await tx.$executeRaw`INSERT INTO "QuizAnswer" ("id", "attemptId", "questionId", "chosen", "correct") VALUES ${Prisma.join(rows)}`
}

/** Thrown inside the transaction when the form was handed in before: nothing of this one is kept. */
class Resent extends Error {}

/**
 * The attempt's row, unless its nonce is stored already (the same form sent again): its id, or
 * null. Plain SQL, as every submission writes it (Prisma's create cost about 0.4 ms of CPU more);
 * ON CONFLICT DO NOTHING reads the same on SQLite and PostgreSQL, and on PostgreSQL waits for a
 * parallel insert of the same nonce to commit. The id is made here, as Prisma's default would.
 */
async function insertAttempt(tx: Prisma.TransactionClient, attempt: NewAttempt, submittedAt: Date, durationMs: number): Promise<string | null> {
	const id = newId()
	const inserted = await tx.$executeRaw`
		INSERT INTO "QuizAttempt" ("id", "learnerId", "courseSlug", "courseVersion", "locale", "token", "layout", "drawSeed", "startedAt", "submittedAt", "score", "maxScore", "passed", "durationMs")
		VALUES (${id}, ${attempt.learnerId}, ${attempt.courseSlug}, ${attempt.courseVersion}, ${attempt.locale}, ${attempt.nonce}, ${JSON.stringify(attempt.layout)}, ${attempt.drawSeed}, ${attempt.startedAt}, ${submittedAt}, ${attempt.grade.score}, ${attempt.grade.maxScore}, ${attempt.grade.passed}, ${durationMs})
		ON CONFLICT ("token") DO NOTHING`
	return inserted === 1 ? id : null
}

/**
 * Stores a graded attempt and returns its id. The same form sent twice (two clicks, a resent
 * request, even at the same moment) yields the first attempt's id: the nonce is unique. The
 * attempt, its write limit's hit and the spaced review it schedules commit together, so a resent
 * form moves nothing and counts nothing.
 */
export async function recordAttempt(attempt: NewAttempt): Promise<{ id: string } | null> {
	const submittedAt = new Date()
	const durationMs = Math.min(Math.max(submittedAt.getTime() - attempt.startedAt.getTime(), 0), DAY_MS)
	try {
		return await prisma.$transaction(async (tx) => {
			await attempt.limit(tx)
			const id = await insertAttempt(tx, attempt, submittedAt, durationMs)
			if (id === null) throw new Resent()
			await insertAnswers(tx, id, attempt.grade.results)
			await scheduleFromAttempt(tx, attempt.learnerId, attempt.courseSlug, attempt.quiz, attempt.grade, submittedAt)
			await recordScore(tx, attempt.learnerId, attempt.courseSlug, attempt.grade.score, attempt.grade.maxScore, submittedAt)
			// The organisations' xAPI statements commit with the attempt or not at all (decision 022).
			await queueStatements(tx, attempt.learnerId, attempt.courseSlug, attemptStatements({ ...attempt.grade, durationMs }))
			await queueLtiScores(tx, { id, learnerId: attempt.learnerId, courseSlug: attempt.courseSlug })
			return { id }
		})
	} catch (error) {
		if (!(error instanceof Resent) && !isUniqueViolation(error)) throw error
		// Another request with this form got there first: answer with its attempt, if it is ours.
		return prisma.quizAttempt.findFirst({ where: { token: attempt.nonce, learnerId: attempt.learnerId }, select: { id: true } })
	}
}

export async function getAttempt(attemptId: string, learner: LearnerRef | null) {
	if (!learner) return null
	const attempt = await prisma.quizAttempt.findFirst({
		where: { id: attemptId, ...learnerWhere(learner), submittedAt: { not: null } },
		select: {
			id: true,
			courseSlug: true,
			courseVersion: true,
			locale: true,
			layout: true,
			score: true,
			maxScore: true,
			passed: true,
			answers: { select: { questionId: true, chosen: true, correct: true } },
		},
	})
	if (!attempt) return null
	return {
		...attempt,
		layout: JSON.parse(attempt.layout) as Layout,
		answers: attempt.answers.map((answer) => ({ ...answer, chosen: JSON.parse(answer.chosen) as string[] })),
	}
}

/** The learner's best submitted attempt at a course's quiz (highest score, then earliest). */
export async function getBestAttempt(learner: LearnerRef | null, courseSlug: string) {
	if (!learner) return null
	// All of the learner's attempts at the course, ranked here: an ORDER BY or a submittedAt filter
	// would send SQLite through the whole course's attempts (see attemptHistory).
	const attempts = await prisma.quizAttempt.findMany({
		where: { ...learnerWhere(learner), courseSlug },
		select: { id: true, score: true, maxScore: true, passed: true, submittedAt: true },
	})
	return bestAttempt(attempts)
}
