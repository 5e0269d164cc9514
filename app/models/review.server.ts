// Spaced review: each learner's cards (one per quiz question that comes back), the reviews they
// hand in, and what an organisation may see of it (counts only). Scheduling itself is pure
// (app/review/schedule.ts).
import { Prisma } from '~/generated/prisma/client.ts'
import type { QuizDefinition } from '~/courses/schema.ts'
import type { Grade, Layout } from '~/quiz/grading.ts'
import { cardsFromAttempt, review, type CardState, type DueCard } from '~/review/schedule.ts'
import { prisma } from '~/utils/db.server.ts'
import { newId } from '~/models/factories.server.ts'
import { learnerWhere, type LearnerRef } from '~/models/learner-ref.server.ts'
import { rawDate, rawNumber, type RawDate, type RawNumber } from '~/utils/raw-values.server.ts'

type Tx = Prisma.TransactionClient

type CardRow = { questionId: string; due: RawDate; stability: RawNumber; difficulty: RawNumber; elapsedDays: RawNumber; scheduledDays: RawNumber; learningSteps: RawNumber; reps: RawNumber; lapses: RawNumber; state: RawNumber; lastReview: RawDate | null }

/** Plain SQL, read in every quiz submission's transaction: Prisma's findMany cost more CPU than the statement. */
async function cardsOf(tx: Tx, learnerId: string, courseSlug: string): Promise<Map<string, CardState>> {
	const rows = await tx.$queryRaw<CardRow[]>`
		SELECT c."questionId", c."due", c."stability", c."difficulty", c."elapsedDays", c."scheduledDays", c."learningSteps", c."reps", c."lapses", c."state", c."lastReview"
		FROM "ReviewCard" c WHERE c."learnerId" = ${learnerId} AND c."courseSlug" = ${courseSlug}`
	return new Map(
		rows.map((row) => [
			row.questionId,
			{
				due: rawDate(row.due),
				stability: rawNumber(row.stability),
				difficulty: rawNumber(row.difficulty),
				elapsedDays: rawNumber(row.elapsedDays),
				scheduledDays: rawNumber(row.scheduledDays),
				learningSteps: rawNumber(row.learningSteps),
				reps: rawNumber(row.reps),
				lapses: rawNumber(row.lapses),
				state: rawNumber(row.state),
				lastReview: row.lastReview === null ? null : rawDate(row.lastReview),
			},
		]),
	)
}

/**
 * Writes the cards' new states, created or updated, in one statement. A Prisma upsert each was up
 * to a dozen statements a quiz submission and a third of its CPU (about 0.7 ms each, against
 * 0.2 ms for the whole of this); INSERT … ON CONFLICT DO UPDATE with `excluded` reads the same on
 * SQLite and PostgreSQL. Ids are made here, as Prisma's default would (a cuid's shape).
 */
async function saveCards(tx: Tx, learnerId: string, courseSlug: string, updates: { questionId: string; state: CardState }[]) {
	if (updates.length === 0) return
	const rows = updates.map(
		({ questionId, state: card }) =>
			Prisma.sql`(${newId()}, ${learnerId}, ${courseSlug}, ${questionId}, ${card.due}, ${card.stability}, ${card.difficulty}, ${card.elapsedDays}, ${card.scheduledDays}, ${card.learningSteps}, ${card.reps}, ${card.lapses}, ${card.state}, ${card.lastReview})`,
	)
	await tx.$executeRaw`
		INSERT INTO "ReviewCard" ("id", "learnerId", "courseSlug", "questionId", "due", "stability", "difficulty", "elapsedDays", "scheduledDays", "learningSteps", "reps", "lapses", "state", "lastReview")
		VALUES ${Prisma.join(rows)}
		ON CONFLICT ("learnerId", "courseSlug", "questionId") DO UPDATE SET
			"due" = excluded."due", "stability" = excluded."stability", "difficulty" = excluded."difficulty", "elapsedDays" = excluded."elapsedDays",
			"scheduledDays" = excluded."scheduledDays", "learningSteps" = excluded."learningSteps", "reps" = excluded."reps", "lapses" = excluded."lapses",
			"state" = excluded."state", "lastReview" = excluded."lastReview"`
}

/** Called in the transaction that stores a new quiz attempt: the attempt's answers move the cards. */
export async function scheduleFromAttempt(tx: Tx, learnerId: string, courseSlug: string, quiz: QuizDefinition, grade: Grade, now: Date) {
	await saveCards(tx, learnerId, courseSlug, cardsFromAttempt(quiz, grade, await cardsOf(tx, learnerId, courseSlug), now))
}

/** The learner's cards that are due (or all, for the next due date), for courses that still exist. */
export async function dueCards(learner: LearnerRef | null, courseSlugs: string[], until: Date): Promise<DueCard[]> {
	if (!learner) return []
	return prisma.reviewCard.findMany({
		where: { ...learnerWhere(learner), courseSlug: { in: courseSlugs }, due: { lte: until } },
		select: { courseSlug: true, questionId: true, due: true },
		orderBy: { due: 'asc' },
		take: 200,
	})
}

/** When the learner's next card comes due, if they have any. */
export async function nextDueDate(learner: LearnerRef | null, courseSlugs: string[]): Promise<Date | null> {
	if (!learner) return null
	const card = await prisma.reviewCard.findFirst({
		where: { ...learnerWhere(learner), courseSlug: { in: courseSlugs } },
		orderBy: { due: 'asc' },
		select: { due: true },
	})
	return card?.due ?? null
}

export type ReviewResult = { questionId: string; chosen: string[]; correct: boolean }

type NewReview = { learnerId: string; courseSlug: string; nonce: string; layout: Layout; grade: Grade; now: Date }

/**
 * Stores a handed-in review and moves each of its cards with its answer, in one transaction. The
 * same form sent twice yields the first review's id and moves nothing again: the nonce is unique.
 */
export async function recordReview(handedIn: NewReview): Promise<{ id: string } | null> {
	const results: ReviewResult[] = handedIn.grade.results.map(({ questionId, chosen, correct }) => ({ questionId, chosen, correct }))
	try {
		return await prisma.$transaction(async (tx) => {
			const session = await tx.reviewSession.create({
				data: {
					learnerId: handedIn.learnerId,
					courseSlug: handedIn.courseSlug,
					token: handedIn.nonce,
					submittedAt: handedIn.now,
					results: JSON.stringify({ layout: handedIn.layout, results }),
					answered: results.length,
					right: results.filter((result) => result.correct).length,
				},
				select: { id: true },
			})
			const cards = await cardsOf(tx, handedIn.learnerId, handedIn.courseSlug)
			// A card removed meanwhile (the learner's data reset) is not brought back by a late form.
			const moved = results.flatMap((result) => {
				const card = cards.get(result.questionId)
				return card ? [{ questionId: result.questionId, state: review(card, result.correct, handedIn.now) }] : []
			})
			await saveCards(tx, handedIn.learnerId, handedIn.courseSlug, moved)
			return session
		})
	} catch (error) {
		if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') throw error
		return prisma.reviewSession.findFirst({ where: { token: handedIn.nonce, learnerId: handedIn.learnerId }, select: { id: true } })
	}
}

/** A handed-in review, only for the learner who did it. */
export async function getReview(id: string, learner: LearnerRef | null) {
	if (!learner) return null
	const row = await prisma.reviewSession.findFirst({
		where: { id, ...learnerWhere(learner) },
		select: { id: true, courseSlug: true, results: true, answered: true, right: true },
	})
	if (!row) return null
	const stored = JSON.parse(row.results) as { layout: Layout; results: ReviewResult[] }
	return { ...row, layout: stored.layout, answers: stored.results }
}

/** A guest's cards and reviews follow them into their account (see mergeGuestIntoUser). */
export async function moveReviews(tx: Tx, fromLearnerId: string, toLearnerId: string) {
	const kept = await tx.reviewCard.findMany({ where: { learnerId: toLearnerId }, select: { courseSlug: true, questionId: true } })
	const taken = new Set(kept.map((card) => `${card.courseSlug}\n${card.questionId}`))
	const moving = await tx.reviewCard.findMany({ where: { learnerId: fromLearnerId }, select: { id: true, courseSlug: true, questionId: true } })
	const ids = moving.filter((card) => !taken.has(`${card.courseSlug}\n${card.questionId}`)).map((card) => card.id)
	await tx.reviewCard.updateMany({ where: { id: { in: ids } }, data: { learnerId: toLearnerId } })
	await tx.reviewSession.updateMany({ where: { learnerId: fromLearnerId }, data: { learnerId: toLearnerId } })
}

const PARTICIPATION_DAYS = 30

type ReviewParticipation = { learnersWithReviews: number; learnersReviewing: number; reviews: number; days: number }

/**
 * For an organisation: how many of a group's learners have questions to come back to, how many
 * did a review in the last 30 days, and how many reviews that was. Counts only, never who.
 */
export async function reviewParticipation(groupId: string, now = new Date()): Promise<ReviewParticipation> {
	const since = new Date(now.getTime() - PARTICIPATION_DAYS * 24 * 60 * 60 * 1000)
	// One statement over the group's learners (Prisma's relation filters took 28 ms for 2,000, issue 18).
	const [row] = await prisma.$queryRaw<{ withCards: number | bigint | null; reviewing: number | bigint | null; reviews: number | bigint | null }[]>`
		SELECT
			SUM(CASE WHEN EXISTS (SELECT 1 FROM "ReviewCard" c WHERE c."learnerId" = l."id") THEN 1 ELSE 0 END) AS "withCards",
			SUM(CASE WHEN EXISTS (SELECT 1 FROM "ReviewSession" r WHERE r."learnerId" = l."id" AND r."submittedAt" >= ${since}) THEN 1 ELSE 0 END) AS "reviewing",
			SUM((SELECT COUNT(*) FROM "ReviewSession" r WHERE r."learnerId" = l."id" AND r."submittedAt" >= ${since})) AS "reviews"
		FROM "GroupMember" gm JOIN "Learner" l ON l."userId" = gm."userId"
		WHERE gm."groupId" = ${groupId}`
	return { learnersWithReviews: Number(row?.withCards ?? 0), learnersReviewing: Number(row?.reviewing ?? 0), reviews: Number(row?.reviews ?? 0), days: PARTICIPATION_DAYS }
}
