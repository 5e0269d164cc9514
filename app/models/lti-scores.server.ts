// Quiz scores for LMS gradebooks (decision 021). A submitted attempt writes one delivery row per
// line item its learner launched the course from, in the same transaction as the attempt; a
// delivery loop posts them and retries with backoff until the platform takes them.
import { postScore } from '~/lti/ags.server.ts'
import { bestAttempt } from '~/quiz/best-attempt.ts'
import type { Prisma } from '~/generated/prisma/client.ts'
import { prisma } from '~/utils/db.server.ts'

type Transaction = Prisma.TransactionClient
type SubmittedAttempt = { id: string; learnerId: string; courseSlug: string }

/**
 * Called with the attempt, inside its transaction: queues the learner's best score for the course
 * (the best attempt counts, decision 008) to each line item they launched it from.
 */
export async function queueLtiScores(tx: Transaction, attempt: SubmittedAttempt): Promise<void> {
	// The learner's account's line items for the course in one statement (every attempt asks, and
	// nearly always finds none): Prisma would read the learner first, or scan the links with a
	// relation filter. Plain SQL that reads the same on SQLite and PostgreSQL.
	const links = await tx.$queryRaw<{ platformId: string; sub: string; lineItemUrl: string }[]>`
		SELECT k."platformId", k."sub", k."lineItemUrl"
		FROM "Learner" l
		JOIN "LtiGradeLink" k ON k."userId" = l."userId"
		WHERE l."id" = ${attempt.learnerId} AND k."courseSlug" = ${attempt.courseSlug}`
	if (links.length === 0) return
	// The account has one learner row (Learner.userId is unique): its attempts, ranked here
	// (an ORDER BY would send SQLite through the whole course's attempts, see attemptHistory).
	const best = bestAttempt(
		await tx.quizAttempt.findMany({ where: { learnerId: attempt.learnerId, courseSlug: attempt.courseSlug }, select: { score: true, maxScore: true, passed: true, submittedAt: true } }),
	)
	if (best?.score == null || !best.maxScore) return
	await tx.ltiScoreDelivery.createMany({
		data: links.map((link) => ({ ...link, attemptId: attempt.id, scoreGiven: best.score!, scoreMaximum: best.maxScore! })),
	})
}

const BATCH = 20
// A claimed row is left alone this long: a process that died mid-delivery gives it back.
const LEASE_MS = 60_000
const BASE_BACKOFF_MS = 10_000
const MAX_BACKOFF_MS = 60 * 60_000

/** The wait before the next try after `tries` failures: doubling from 10 s, at most an hour. */
export function backoffMs(tries: number): number {
	return Math.min(BASE_BACKOFF_MS * 2 ** Math.max(tries - 1, 0), MAX_BACKOFF_MS)
}

/** Posts the scores that are due; returns how many arrived and how many wait for another try. */
export async function deliverDueScores(now = new Date()): Promise<{ delivered: number; failed: number }> {
	const due = await prisma.ltiScoreDelivery.findMany({
		where: { deliveredAt: null, nextAttemptAt: { lte: now } },
		orderBy: { createdAt: 'asc' },
		take: BATCH,
		select: { id: true, sub: true, lineItemUrl: true, scoreGiven: true, scoreMaximum: true, createdAt: true, tries: true, nextAttemptAt: true, platform: { select: { clientId: true, tokenUrl: true } } },
	})
	let delivered = 0
	let failed = 0
	for (const row of due) {
		// Claimed by a conditional update: another process (or tick) that read the same row skips it.
		const claimed = await prisma.ltiScoreDelivery.updateMany({
			where: { id: row.id, deliveredAt: null, nextAttemptAt: row.nextAttemptAt },
			data: { nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
		})
		if (claimed.count !== 1) continue
		try {
			// The row's creation time orders the scores: the platform keeps the latest.
			await postScore(row.platform, row.lineItemUrl, { userId: row.sub, scoreGiven: row.scoreGiven, scoreMaximum: row.scoreMaximum, timestamp: row.createdAt })
			await prisma.ltiScoreDelivery.update({ where: { id: row.id }, data: { deliveredAt: new Date(), tries: row.tries + 1, lastError: null } })
			delivered++
		} catch (error) {
			const tries = row.tries + 1
			await prisma.ltiScoreDelivery.update({
				where: { id: row.id },
				data: { tries, nextAttemptAt: new Date(Date.now() + backoffMs(tries)), lastError: String(error instanceof Error ? error.message : error).slice(0, 500) },
			})
			failed++
		}
	}
	return { delivered, failed }
}
