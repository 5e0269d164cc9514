// Brute-force protection for sign-in that a third party cannot turn against the real holder
// (decision 010). Only failures count. A browser that has signed in to an account before
// carries a device cookie and has its own backoff for that account, so wrong guesses by anyone
// else (even a classmate behind the same school address) never lock it out; every other
// attempt on the account shares one backoff, and each address has a limit on its failures.
import { createHash, randomBytes } from 'node:crypto'
import { prisma } from '~/utils/db.server.ts'
import { siteCookie } from '~/utils/cookies.server.ts'
import { attempt, clear, clientIp, type Attempt, type BackoffRule, type WindowRule } from '~/utils/rate-limit.server.ts'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/** Failures from one address, on any accounts, from browsers not known to them. */
const addressFailures: WindowRule = { name: 'signin-fail:ip', max: 100, windowMs: 15 * MINUTE }
/** Failures on one account from browsers it has never signed in from: 5 free, then 1 min, 2, 4 … 60 min apart. */
const accountFailures: BackoffRule = { name: 'signin-fail:account', free: 5, baseMs: MINUTE, maxMs: 60 * MINUTE, windowMs: DAY }
/** Failures on one account from one of its own browsers: the same backoff, its own count. */
const deviceFailures: BackoffRule = { name: 'signin-fail:device', free: 5, baseMs: MINUTE, maxMs: 60 * MINUTE, windowMs: DAY }

const TRUST_DAYS = 180

export const deviceCookie = siteCookie('qd', { maxAge: TRUST_DAYS * 24 * 60 * 60 })

async function deviceIdOf(request: Request): Promise<string | null> {
	const value: unknown = await deviceCookie.parse(request.headers.get('Cookie'))
	return typeof value === 'string' && /^[A-Za-z0-9_-]{22}$/.test(value) ? value : null
}

const hashOf = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex')

async function isTrusted(account: string, deviceId: string | null): Promise<boolean> {
	if (!deviceId) return false
	const device = await prisma.trustedDevice.findUnique({ where: { id: hashOf(account, deviceId) }, select: { seenAt: true } })
	return device !== null && Date.now() - device.seenAt.getTime() < TRUST_DAYS * DAY
}

export type SignInAttempt = { ok: true; userId: string; setCookie: string | null } | { ok: false; limited: boolean }

/**
 * Runs `verify` (which checks the password or PIN) unless this attempt is throttled. `account`
 * names the account as typed ("account:name@example.org", "pupil:DEMO1:dias"), so unknown
 * accounts are throttled exactly like real ones.
 */
export async function throttledSignIn(request: Request, context: { clientIp?: string }, account: string, verify: () => Promise<string | null>): Promise<SignInAttempt> {
	const deviceId = await deviceIdOf(request)
	const trusted = await isTrusted(account, deviceId)
	const accountKey = hashOf(account)
	// Each attempt is counted before the password is checked and taken back if it was right.
	const attempts: Extract<Attempt, { allowed: true }>[] = []
	for (const [rule, who] of trusted ? ([[deviceFailures, `${accountKey}:${deviceId}`]] as const) : ([[addressFailures, clientIp(context)], [accountFailures, accountKey]] as const)) {
		const counted = await attempt(rule, who)
		if (!counted.allowed) {
			// Not made after all: what the earlier rules counted goes back.
			for (const made of attempts) await made.undo()
			return { ok: false, limited: true }
		}
		attempts.push(counted)
	}

	const userId = await verify()
	if (!userId) return { ok: false, limited: false }
	for (const made of attempts) await made.undo()
	// The holder got in: this browser is theirs from now on, and its slate is clean.
	const id = deviceId ?? randomBytes(16).toString('base64url')
	const trust = { id: hashOf(account, id), seenAt: new Date() }
	await prisma.trustedDevice.upsert({ where: { id: trust.id }, create: trust, update: { seenAt: trust.seenAt } })
	await clear(deviceFailures, `${accountKey}:${id}`)
	return { ok: true, userId, setCookie: deviceId ? null : await deviceCookie.serialize(id) }
}
