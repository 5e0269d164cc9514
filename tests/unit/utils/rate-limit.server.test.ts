import { expect, test } from 'vitest'
import { prisma } from '~/utils/db.server.ts'
import { attempt, clear, hit, type BackoffRule, type WindowRule } from '~/utils/rate-limit.server.ts'

const at = (seconds: number) => new Date(1_800_000_000_000 + seconds * 1000)

test('a window rule allows max hits per window per key, then says how long to wait; a new window starts fresh', async () => {
	const rule: WindowRule = { name: 'test-window', max: 3, windowMs: 60_000 }
	const hits = []
	for (let i = 0; i < 3; i++) hits.push((await hit(rule, 'a', at(0))).allowed)
	expect(hits).toEqual([true, true, true])
	expect(await hit(rule, 'a', at(0))).toEqual({ allowed: false, retryAfterSeconds: 60 })
	expect((await hit(rule, 'b', at(0))).allowed).toBe(true)
	expect(await hit(rule, 'a', at(30))).toEqual({ allowed: false, retryAfterSeconds: 30 })
	expect((await hit(rule, 'a', at(60))).allowed).toBe(true)
	await clear(rule, 'a')
	expect(await prisma.rateLimit.count({ where: { key: 'test-window:a' } })).toBe(0)
})

test('the counts live in the database, so every process sees the same ones', async () => {
	const rule: WindowRule = { name: 'test-shared', max: 10, windowMs: 60_000 }
	await Promise.all(Array.from({ length: 25 }, () => hit(rule, 'x', at(0))))
	expect(await prisma.rateLimit.findUniqueOrThrow({ where: { key: 'test-shared:x' }, select: { count: true } })).toEqual({ count: 25 })
})

test('counting failures only: an attempt counts at once and is taken back when it succeeded', async () => {
	const rule: WindowRule = { name: 'test-failures', max: 2, windowMs: 60_000 }
	for (let i = 0; i < 10; i++) {
		const made = await attempt(rule, 'ip', at(0))
		expect(made.allowed).toBe(true)
		if (made.allowed) await made.undo()
	}
	expect((await attempt(rule, 'ip', at(0))).allowed).toBe(true)
	expect((await attempt(rule, 'ip', at(1))).allowed).toBe(true)
	expect(await attempt(rule, 'ip', at(2))).toEqual({ allowed: false, retryAfterSeconds: 58 })
	expect((await attempt(rule, 'ip', at(60))).allowed).toBe(true)
})

test('a backoff rule lets the free failures pass, then doubles the wait after each further one', async () => {
	const rule: BackoffRule = { name: 'test-backoff', free: 2, baseMs: 60_000, maxMs: 240_000, windowMs: 86_400_000 }
	const fail = async (seconds: number) => expect((await attempt(rule, 'acct', at(seconds))).allowed).toBe(true)
	await fail(0)
	await fail(1)
	expect(await attempt(rule, 'acct', at(1))).toEqual({ allowed: false, retryAfterSeconds: 60 })
	await fail(61)
	expect(await attempt(rule, 'acct', at(62))).toEqual({ allowed: false, retryAfterSeconds: 119 })
	await fail(181)
	await fail(421)
	// The wait stops growing at maxMs.
	expect(await attempt(rule, 'acct', at(421))).toEqual({ allowed: false, retryAfterSeconds: 240 })
	// A success takes its own attempt back and leaves the earlier failures' wait as it was.
	const right = await attempt(rule, 'acct', at(661))
	expect(right.allowed).toBe(true)
	if (right.allowed) await right.undo()
	expect(await attempt(rule, 'acct', at(662))).toEqual({ allowed: false, retryAfterSeconds: 239 })
	// A new window (a day after the first failure) starts from nothing.
	await fail(86_400)
	await fail(86_401)
})

test('parallel attempts cannot slip past the limit before a failure is written', async () => {
	const window: WindowRule = { name: 'test-parallel-window', max: 5, windowMs: 60_000 }
	const windowed = await Promise.all(Array.from({ length: 20 }, () => attempt(window, 'x', at(0))))
	expect(windowed.filter((made) => made.allowed)).toHaveLength(5)
	const backoff: BackoffRule = { name: 'test-parallel-backoff', free: 3, baseMs: 60_000, maxMs: 3_600_000, windowMs: 86_400_000 }
	const backedOff = await Promise.all(Array.from({ length: 20 }, () => attempt(backoff, 'x', at(0))))
	const allowed = backedOff.filter((made) => made.allowed).length
	expect(allowed).toBeGreaterThanOrEqual(1)
	expect(allowed).toBeLessThanOrEqual(4)
})
