// Delivers the xAPI outbox to each organisation's Learning Record Store (decision 022): at least
// once, never dropped. A sender first takes a lease on the statements it sends (their next
// attempt moves past the lease), so a crash mid-send only means they go again after the lease;
// the store keeps one statement per id, so a resent statement is stored once. Failures back off
// exponentially, up to an hour, and are retried for as long as it takes.
import { randomInt } from 'node:crypto'
import { prisma } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { lrsCredentials } from '~/models/lrs.server.ts'

const BATCH = 50
const BASE_BACKOFF_MS = 2_000
const MAX_BACKOFF_MS = 60 * 60 * 1000
const SEND_TIMEOUT_MS = 20_000

/** The wait after the n-th failed attempt: 2 s, 4 s, 8 s … an hour, with ±20 % jitter. */
export function backoffMs(attempts: number): number {
	const wait = Math.min(BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS)
	return Math.round(wait * (0.8 + Math.random() * 0.4))
}

const CONFLICT = 'conflict'

/** Sends a batch; after a conflict each statement alone, so one id the store holds delays no other. */
async function send(endpoint: string, authorization: string, bodies: string[]): Promise<string | null> {
	const result = await post(endpoint, authorization, bodies)
	if (result !== CONFLICT) return result
	// A lone statement in conflict: the store holds a statement with its id, sent by us before.
	if (bodies.length === 1) return null
	for (const body of bodies) {
		const single = await send(endpoint, authorization, [body])
		if (single !== null) return single
	}
	return null
}

type Outcome = { delivered: string[]; failed: { ids: string[]; error: string }[] }

/**
 * Statements to the store's statements resource, as xAPI 1.0.3 says: one POST with an array.
 * Null when stored; "conflict" when the store already holds one of the ids (then it refused the
 * whole array); otherwise what went wrong.
 */
async function post(endpoint: string, authorization: string, bodies: string[]): Promise<string | null> {
	const url = new URL('statements', endpoint.endsWith('/') ? endpoint : `${endpoint}/`)
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3', Authorization: authorization },
			body: `[${bodies.join(',')}]`,
			redirect: 'error',
			signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
		})
		await response.body?.cancel()
		if (response.ok) return null
		return response.status === 409 ? CONFLICT : `HTTP ${response.status}`
	} catch (error) {
		return error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)
	}
}

/** One round: takes the due statements of connected organisations, sends them, records the outcome. */
export async function deliverDueStatements(now = new Date()): Promise<Outcome> {
	const outcome: Outcome = { delivered: [], failed: [] }
	const due = await prisma.xapiStatement.findMany({
		where: { deliveredAt: null, nextAttemptAt: { lte: now }, org: { lrs: { isNot: null } } },
		orderBy: { createdAt: 'asc' },
		take: BATCH * 4,
		select: { id: true, orgId: true },
	})
	if (due.length === 0) return outcome
	// The lease: a moment only this round uses, so it can tell its own rows from another sender's.
	const leaseUntil = new Date(now.getTime() + getEnv().XAPI_LEASE_SECONDS * 1000 + randomInt(1000))
	await prisma.xapiStatement.updateMany({
		where: { id: { in: due.map((row) => row.id) }, deliveredAt: null, nextAttemptAt: { lte: now } },
		data: { nextAttemptAt: leaseUntil, attempts: { increment: 1 } },
	})
	const leased = await prisma.xapiStatement.findMany({
		where: { id: { in: due.map((row) => row.id) }, deliveredAt: null, nextAttemptAt: leaseUntil },
		orderBy: { createdAt: 'asc' },
		select: { id: true, orgId: true, body: true, attempts: true },
	})
	const stores = await lrsCredentials([...new Set(leased.map((row) => row.orgId))])
	for (const [orgId, store] of stores) {
		const rows = leased.filter((row) => row.orgId === orgId)
		for (let start = 0; start < rows.length; start += BATCH) {
			const batch = rows.slice(start, start + BATCH)
			const ids = batch.map((row) => row.id)
			const error = store ? await send(store.endpoint, store.authorization, batch.map((row) => row.body)) : 'the password cannot be read (SESSION_SECRET changed?): save it again'
			if (error === null) {
				await prisma.xapiStatement.updateMany({ where: { id: { in: ids } }, data: { deliveredAt: new Date(), lastError: null } })
				outcome.delivered.push(...ids)
			} else {
				const attempts = Math.max(...batch.map((row) => row.attempts))
				await prisma.xapiStatement.updateMany({ where: { id: { in: ids } }, data: { nextAttemptAt: new Date(Date.now() + backoffMs(attempts)), lastError: error.slice(0, 500) } })
				outcome.failed.push({ ids, error })
			}
		}
	}
	return outcome
}
