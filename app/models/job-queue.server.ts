// The job queue on the app's own database (decision 016): a row per job; an instance claims one
// with a conditional update that only one of several concurrent updates can win, on SQLite as on
// PostgreSQL (under READ COMMITTED the loser re-reads the row and no longer matches).
import type { Prisma } from '~/generated/prisma/client.ts'
import { prisma } from '~/utils/db.server.ts'
import { isUniqueViolation } from '~/utils/db-errors.server.ts'

export type JobKind = 'mail' | 'recertification-reminders'
export type ClaimedJob = { id: string; kind: JobKind; payload: unknown; attempts: number }

/** How long a claim holds; a job whose instance died is taken over after this. */
export const LEASE_MS = 60_000
export const MAX_ATTEMPTS = 5

/** `client`: a transaction, so the job exists exactly when the write that asked for it does. */
export async function enqueueJob(kind: JobKind, payload: unknown, runAt = new Date(), client: Prisma.TransactionClient = prisma): Promise<string> {
	const job = await client.job.create({ data: { kind, payload: JSON.stringify(payload), runAt }, select: { id: true } })
	return job.id
}

/**
 * Scheduled work: every instance offers the run of one time slot (e.g. an hour), and the slot is
 * the job's id, so however many offer it one row exists and one worker runs it. Returns whether
 * this call made the row.
 */
export async function scheduleJob(kind: JobKind, slot: string, runAt = new Date()): Promise<boolean> {
	try {
		await prisma.job.create({ data: { id: `${kind}@${slot}`, kind, payload: '{}', runAt } })
		return true
	} catch (error) {
		if (isUniqueViolation(error)) return false
		throw error
	}
}

const claimable = (now: Date) => ({
	doneAt: null,
	runAt: { lte: now },
	OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }],
})

/** Claims up to `limit` due jobs for `worker`; each job is claimed by one worker at a time. */
export async function claimJobs(worker: string, limit = 10): Promise<ClaimedJob[]> {
	const now = new Date()
	const candidates = await prisma.job.findMany({ where: claimable(now), orderBy: { runAt: 'asc' }, take: limit, select: { id: true } })
	const claimed: ClaimedJob[] = []
	for (const { id } of candidates) {
		const { count } = await prisma.job.updateMany({
			where: { id, ...claimable(now) },
			data: { claimedBy: worker, claimedUntil: new Date(now.getTime() + LEASE_MS), attempts: { increment: 1 } },
		})
		if (count === 0) continue
		const job = await prisma.job.findUniqueOrThrow({ where: { id }, select: { id: true, kind: true, payload: true, attempts: true } })
		claimed.push({ ...job, kind: job.kind as JobKind, payload: JSON.parse(job.payload) })
	}
	return claimed
}

/** Done: the payload (a message, a link) is not kept. */
export async function completeJob(id: string, worker: string) {
	await prisma.job.updateMany({ where: { id, claimedBy: worker }, data: { doneAt: new Date(), payload: '{}', claimedUntil: null, lastError: null } })
}

/** Failed: tried again later (1, 2, 4, 8 minutes), given up after MAX_ATTEMPTS. */
export async function failJob(job: ClaimedJob, worker: string, error: unknown) {
	const lastError = String(error instanceof Error ? error.message : error).slice(0, 500)
	const givingUp = job.attempts >= MAX_ATTEMPTS
	await prisma.job.updateMany({
		where: { id: job.id, claimedBy: worker },
		data: givingUp
			? { doneAt: new Date(), payload: '{}', claimedUntil: null, lastError }
			: { runAt: new Date(Date.now() + 60_000 * 2 ** (job.attempts - 1)), claimedUntil: null, lastError },
	})
}

/** Jobs due and not done: the backlog /metrics reports. */
export function jobBacklog(): Promise<number> {
	return prisma.job.count({ where: { doneAt: null, runAt: { lte: new Date() } } })
}
