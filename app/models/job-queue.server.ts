// The job queue on the app's own database (decision 016): a row per job; an instance claims one
// with a conditional update that only one of several concurrent updates can win, on SQLite as on
// PostgreSQL (under READ COMMITTED the loser re-reads the row and no longer matches).
import type { Prisma } from '~/generated/prisma/client.ts'
import { prisma } from '~/utils/db.server.ts'
import { isUniqueViolation } from '~/utils/db-errors.server.ts'

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS

/**
 * Work every instance would otherwise run on a timer (decisions 017, 021, 022): how often, and how
 * long a claim on it holds. The deliveries claim their own rows too, so a run taken over from a
 * slow instance does no harm; their short lease lets another instance go on soon after one dies.
 */
export const RECURRING = {
	'recertification-reminders': { everyMs: HOUR_MS, leaseMs: 10 * MINUTE_MS },
	'xapi-delivery': { everyMs: 2_000, leaseMs: 15_000 },
	'lti-score-delivery': { everyMs: 3_000, leaseMs: 15_000 },
	'lti-nonce-sweep': { everyMs: HOUR_MS, leaseMs: MINUTE_MS },
	// Once per organisation and ISO week, however often it runs (OrgDigest, decision 015).
	'weekly-digests': { everyMs: HOUR_MS, leaseMs: 10 * MINUTE_MS },
} as const satisfies Record<string, { everyMs: number; leaseMs: number }>
export type RecurringKind = keyof typeof RECURRING
type JobKind = 'mail' | RecurringKind
export type ClaimedJob = { id: string; kind: JobKind; payload: unknown; attempts: number }

/** How long a claim on a one-off job holds; a job whose instance died is taken over after this. */
export const LEASE_MS = MINUTE_MS
const MAX_ATTEMPTS = 5

export const isRecurring = (kind: string): kind is RecurringKind => Object.hasOwn(RECURRING, kind)
const leaseMs = (kind: string) => (isRecurring(kind) ? RECURRING[kind].leaseMs : LEASE_MS)

/** `client`: a transaction, so the job exists exactly when the write that asked for it does. */
export async function enqueueJob(kind: JobKind, payload: unknown, runAt = new Date(), client: Prisma.TransactionClient = prisma): Promise<string> {
	const job = await client.job.create({ data: { kind, payload: JSON.stringify(payload), runAt }, select: { id: true } })
	return job.id
}

/**
 * Recurring work is one row per kind (its id is the kind) whose runAt is the next run; a worker
 * claims it like any job, so however many instances there are, one runs it at a time. Each start
 * asks for a run now, as a lone process ran its jobs at start; starts that ask while a run is
 * pending share it.
 */
export async function offerRecurringJob(kind: RecurringKind, now = new Date()): Promise<void> {
	try {
		await prisma.job.create({ data: { id: kind, kind, payload: '{}', runAt: now } })
	} catch (error) {
		if (!isUniqueViolation(error)) throw error
		await prisma.job.updateMany({ where: { id: kind, runAt: { gt: now } }, data: { runAt: now } })
	}
}

/** A recurring job's run is over, done or failed: the next one is due an interval from now. */
export async function rescheduleJob(job: ClaimedJob & { kind: RecurringKind }, worker: string, error?: unknown) {
	await prisma.job.updateMany({
		where: { id: job.id, claimedBy: worker },
		data: { runAt: new Date(Date.now() + RECURRING[job.kind].everyMs), attempts: 0, claimedUntil: null, lastError: error === undefined ? null : errorText(error) },
	})
}

const errorText = (error: unknown) => String(error instanceof Error ? error.message : error).slice(0, 500)

const claimable = (now: Date) => ({
	doneAt: null,
	runAt: { lte: now },
	OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }],
})

/** Claims up to `limit` due jobs for `worker`; each job is claimed by one worker at a time. */
export async function claimJobs(worker: string, limit = 10): Promise<ClaimedJob[]> {
	const now = new Date()
	const candidates = await prisma.job.findMany({ where: claimable(now), orderBy: { runAt: 'asc' }, take: limit, select: { id: true, kind: true } })
	const claimed: ClaimedJob[] = []
	for (const { id, kind } of candidates) {
		const { count } = await prisma.job.updateMany({
			where: { id, ...claimable(now) },
			data: { claimedBy: worker, claimedUntil: new Date(now.getTime() + leaseMs(kind)), attempts: { increment: 1 } },
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
	const lastError = errorText(error)
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
