import { expect, test } from 'vitest'
import { prisma } from '~/utils/db.server.ts'
import { check, clear, hit, recordFailure, type BackoffRule, type WindowRule } from '~/utils/rate-limit.server.ts'

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

test('counting failures only: check() counts nothing, recordFailure() counts one', async () => {
	const rule: WindowRule = { name: 'test-failures', max: 2, windowMs: 60_000 }
	for (let i = 0; i < 10; i++) expect((await check(rule, 'ip', at(0))).allowed).toBe(true)
	await recordFailure(rule, 'ip', at(0))
	expect((await check(rule, 'ip', at(1))).allowed).toBe(true)
	await recordFailure(rule, 'ip', at(1))
	expect(await check(rule, 'ip', at(2))).toEqual({ allowed: false, retryAfterSeconds: 58 })
	expect((await check(rule, 'ip', at(60))).allowed).toBe(true)
})

test('a backoff rule lets the free failures pass, then doubles the wait after each further one', async () => {
	const rule: BackoffRule = { name: 'test-backoff', free: 2, baseMs: 60_000, maxMs: 240_000, windowMs: 86_400_000 }
	await recordFailure(rule, 'acct', at(0))
	await recordFailure(rule, 'acct', at(1))
	expect(await check(rule, 'acct', at(1))).toEqual({ allowed: false, retryAfterSeconds: 60 })
	expect((await check(rule, 'acct', at(61))).allowed).toBe(true)
	await recordFailure(rule, 'acct', at(61))
	expect(await check(rule, 'acct', at(62))).toEqual({ allowed: false, retryAfterSeconds: 119 })
	await recordFailure(rule, 'acct', at(181))
	await recordFailure(rule, 'acct', at(421))
	// The wait stops growing at maxMs.
	expect(await check(rule, 'acct', at(421))).toEqual({ allowed: false, retryAfterSeconds: 240 })
})
