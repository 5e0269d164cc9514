// Rate limits kept in the database, so that every server process and every instance on the
// same database counts together (decision 010). Each rule counts hits per key in a fixed
// window; a backoff rule also makes each further failure wait twice as long as the last.
// Keys are like "signin-fail:ip:1.2.3.4": the rule's name, then who is counted.
import { data } from '@remix-run/node'
import { Prisma } from '~/generated/prisma/client.ts'
import { prisma } from '~/utils/db.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** At most `max` hits per key in each window of `windowMs`. */
export type WindowRule = { name: string; max: number; windowMs: number }
/**
 * `free` failures in a window cost nothing; after that, the next attempt must wait
 * `baseMs · 2^(failures − free)` after the latest failure, at most `maxMs`. The window counts
 * from the first failure.
 */
export type BackoffRule = { name: string; free: number; baseMs: number; maxMs: number; windowMs: number }

type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number }
const ALLOWED: Verdict = { allowed: true }

const keyOf = (rule: { name: string }, who: string) => `${rule.name}:${who}`
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000))

type Counted = { windowStart: Date; count: number }
/** The database, or the transaction of the write being limited. */
type Db = Prisma.TransactionClient

/**
 * The windows' counts after one more hit on each key, in one statement: a write limited per
 * account and per address commits (and, with synchronous=FULL, waits for the disk) once, not
 * twice. Atomic per statement, so processes never lose a hit. Plain SQL (INSERT … ON CONFLICT …
 * RETURNING reads the same on SQLite and PostgreSQL): Prisma's upsert is one statement per key.
 */
async function countHits(db: Db, hits: { key: string; windowMs: number }[], now: Date): Promise<Counted[]> {
	const rows = await db.$queryRaw<{ key: string; windowStart: Date | string; count: number | bigint }[]>`
		INSERT INTO "RateLimit" ("key", "windowStart", "count", "lastAt")
		VALUES ${Prisma.join(hits.map(({ key }) => Prisma.sql`(${key}, ${now}, ${1}, ${now})`))}
		ON CONFLICT ("key") DO UPDATE SET "count" = "RateLimit"."count" + 1, "lastAt" = excluded."lastAt"
		RETURNING "key", "windowStart", "count"`
	const byKey = new Map(rows.map((row) => [row.key, { windowStart: new Date(row.windowStart), count: Number(row.count) }]))
	return Promise.all(hits.map(({ key, windowMs }) => restartEndedWindow(db, key, windowMs, byKey.get(key)!, now)))
}

/** The window's count after one more hit. */
async function countHit(key: string, windowMs: number, now: Date): Promise<Counted> {
	return (await countHits(prisma, [{ key, windowMs }], now))[0]!
}

async function restartEndedWindow(db: Db, key: string, windowMs: number, row: Counted, now: Date): Promise<Counted> {
	if (now.getTime() - row.windowStart.getTime() < windowMs) return row
	// The window had ended: this hit starts a new one. Conditional on the old start, so when two
	// processes race only one resets; the other's hit then counts in the new window.
	const reset = await db.rateLimit.updateMany({ where: { key, windowStart: row.windowStart }, data: { windowStart: now, count: 1 } })
	if (reset.count === 1) return { windowStart: now, count: 1 }
	return db.rateLimit.update({ where: { key }, data: { count: { increment: 1 } }, select: { windowStart: true, count: true } })
}

/** Counts one hit against the rule and says whether it is within it. */
export async function hit(rule: WindowRule, who: string, now = new Date()): Promise<Verdict> {
	return (await hitAll([{ rule, who }], now))[0]!
}

/** Counts one hit against each rule (with different keys) in one statement, and says of each whether it is within it. */
async function hitAll(hits: { rule: WindowRule; who: string }[], now = new Date(), db: Db = prisma): Promise<Verdict[]> {
	sweepNowAndThen(now)
	const rows = await countHits(db, hits.map(({ rule, who }) => ({ key: keyOf(rule, who), windowMs: rule.windowMs })), now)
	return hits.map(({ rule }, index) => {
		const row = rows[index]!
		if (row.count <= rule.max) return ALLOWED
		return { allowed: false, retryAfterSeconds: seconds(row.windowStart.getTime() + rule.windowMs - now.getTime()) }
	})
}

/** An attempt counted before it is made, and taken back with undo() if it turned out fine. */
export type Attempt = { allowed: true; undo: () => Promise<void> } | { allowed: false; retryAfterSeconds: number }

const waitAfter = (rule: BackoffRule, failures: number) => (failures < rule.free ? 0 : Math.min(rule.baseMs * 2 ** (failures - rule.free), rule.maxMs))

/**
 * For rules that count failures only. The attempt is counted first, atomically, so that
 * parallel attempts cannot all slip through before the first failure is written; the caller
 * undoes it when the attempt succeeded.
 */
export async function attempt(rule: WindowRule | BackoffRule, who: string, now = new Date()): Promise<Attempt> {
	sweepNowAndThen(now)
	const key = keyOf(rule, who)
	if ('max' in rule) {
		const row = await countHit(key, rule.windowMs, now)
		const undo = async () => void (await prisma.rateLimit.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } }))
		if (row.count <= rule.max) return { allowed: true, undo }
		await undo()
		return { allowed: false, retryAfterSeconds: seconds(row.windowStart.getTime() + rule.windowMs - now.getTime()) }
	}
	// A non-empty update keeps this one INSERT … ON CONFLICT DO UPDATE: with `update: {}` Prisma
	// reads first and inserts, and parallel first attempts on PostgreSQL fail on the unique key.
	await prisma.rateLimit.upsert({ where: { key }, create: { key, windowStart: now, count: 0, lastAt: now }, update: { lastAt: now } })
	await prisma.rateLimit.updateMany({ where: { key, windowStart: { lte: new Date(now.getTime() - rule.windowMs) } }, data: { windowStart: now, count: 0, blockedUntil: null } })
	// Claiming the slot blocks the key until this attempt's outcome is written just below: one
	// statement, so of two parallel attempts past the free ones only one gets through.
	const claimed = await prisma.rateLimit.updateMany({
		where: { key, OR: [{ blockedUntil: null }, { blockedUntil: { lte: now } }] },
		data: { count: { increment: 1 }, lastAt: now, blockedUntil: new Date(now.getTime() + rule.maxMs) },
	})
	const row = await prisma.rateLimit.findUniqueOrThrow({ where: { key }, select: { count: true, blockedUntil: true } })
	if (claimed.count === 0) return { allowed: false, retryAfterSeconds: seconds((row.blockedUntil?.getTime() ?? now.getTime()) - now.getTime()) }
	// Written as if the attempt fails; undo() rewrites it if it did not.
	await prisma.rateLimit.updateMany({ where: { key }, data: { blockedUntil: new Date(now.getTime() + waitAfter(rule, row.count)) } })
	return {
		allowed: true,
		undo: async () => void (await prisma.rateLimit.updateMany({ where: { key }, data: { count: { decrement: 1 }, blockedUntil: new Date(now.getTime() + waitAfter(rule, row.count - 1)) } })),
	}
}

export async function clear(rule: { name: string }, who: string): Promise<void> {
	await prisma.rateLimit.deleteMany({ where: { key: keyOf(rule, who) } })
}

// No rule's window is longer than a day: older rows count for nothing and go now and then.
const KEEP_MS = 25 * HOUR
let lastSweep = 0
function sweepNowAndThen(now: Date) {
	if (now.getTime() - lastSweep < 10 * MINUTE) return
	lastSweep = now.getTime()
	prisma.rateLimit.deleteMany({ where: { lastAt: { lt: new Date(now.getTime() - KEEP_MS) } } }).catch((error: unknown) => console.error('[qorgau] Could not sweep rate limits:', error))
}

declare module '@remix-run/node' {
	interface AppLoadContext {
		/** The client's address as the server saw it (app/server/index.ts). */
		clientIp?: string
	}
}

export function clientIp(context: { clientIp?: string }): string {
	return context.clientIp ?? 'unknown'
}

type WriteRules = { account: WindowRule; address: WindowRule }

/** Counts one write per account (if any) and per address: the seconds to wait, or null if allowed. */
export async function writeWait(context: { clientIp?: string }, rules: WriteRules, accountId: string | null | undefined, db: Db = prisma): Promise<number | null> {
	const verdicts = await hitAll([...(accountId ? [{ rule: rules.account, who: accountId }] : []), { rule: rules.address, who: clientIp(context) }], new Date(), db)
	const waits = verdicts.flatMap((verdict) => (verdict.allowed ? [] : [verdict.retryAfterSeconds]))
	return waits.length > 0 ? Math.max(...waits) : null
}

/** Throws a translated 429 with Retry-After (for the error boundary) when the write is over a limit. */
export async function limitWrite(request: Request, context: { clientIp?: string }, rules: WriteRules, accountId: string | null | undefined): Promise<void> {
	const wait = await writeWait(context, rules, accountId)
	if (wait !== null) throw await tooMany(request, wait)
}

/**
 * The same, counted inside the transaction of the write it limits (decision 010): the write and
 * its hit commit together, one commit (and, with synchronous=FULL, one wait for the disk) instead
 * of two. Over the limit it throws the 429, which rolls the write back, and the hit with it: what
 * is counted is what was stored. Run first in the transaction, before the write's statements.
 */
export async function limitWriteIn(tx: Db, request: Request, context: { clientIp?: string }, rules: WriteRules, accountId: string | null | undefined): Promise<void> {
	const wait = await writeWait(context, rules, accountId, tx)
	if (wait !== null) throw await tooMany(request, wait)
}

async function tooMany(request: Request, wait: number) {
	const t = await i18nServer.getFixedT(await getLocale(request))
	return data({ error: t('security.tooMany.body') }, { status: 429, headers: { 'Retry-After': String(wait) } })
}

const perAccountAndAddress = (name: string, account: number, address: number, windowMs: number): WriteRules => ({
	account: { name: `${name}:account`, max: account, windowMs },
	address: { name: `${name}:ip`, max: address, windowMs },
})

/**
 * The other writes (decision 010). Per account they are far above what a person does by hand;
 * per address far above what a class of 40 or an office behind one address does together.
 */
export const writeRules = {
	quizSubmission: perAccountAndAddress('quiz', 30, 1000, 10 * MINUTE),
	reviewSubmission: perAccountAndAddress('review', 30, 1000, 10 * MINUTE),
	join: perAccountAndAddress('join', 30, 1000, HOUR),
	enrolmentUpload: perAccountAndAddress('enrol', 120, 600, HOUR),
	pupilCreation: perAccountAndAddress('pupils', 120, 600, HOUR),
	invite: perAccountAndAddress('invite', 100, 600, HOUR),
	verificationUpload: perAccountAndAddress('verify-upload', 100, 300, 15 * MINUTE),
	// Each opening of a SCORM or cmi5 package in an LMS (decision 022): a school's LMS behind one address.
	packageLaunch: perAccountAndAddress('package-launch', 100, 2000, HOUR),
	// LTI (decision 021): registrations per organisation; launches per LMS user, and per address
	// far above a class launching together from one school network.
	ltiRegistration: perAccountAndAddress('lti-register', 20, 100, HOUR),
	ltiLaunch: perAccountAndAddress('lti-launch', 60, 3000, 10 * MINUTE),
	// Each reminder is once a day per learner anyway (decision 015): this bounds the mail a
	// stolen administrator session could make the server send.
	reminder: perAccountAndAddress('remind', 300, 1000, HOUR),
	noticeDismissal: perAccountAndAddress('notice', 120, 1000, HOUR),
} satisfies Record<string, WriteRules>

/** The public account forms' limits, counted per address or per account. */
export const rules = {
	signUpByIp: { name: 'signup:ip', max: 10, windowMs: 15 * MINUTE },
	resetByIp: { name: 'reset:ip', max: 5, windowMs: 15 * MINUTE },
	resetByAccount: { name: 'reset:email', max: 3, windowMs: 15 * MINUTE },
	verifyByIp: { name: 'verify:ip', max: 300, windowMs: 15 * MINUTE },
} satisfies Record<string, WindowRule>
