import { expect, test } from 'vitest'
import { createRateLimiter } from '~/utils/rate-limit.server.ts'

test('allows max hits per window per key, then says how long to wait; a new window starts fresh', () => {
	let now = 1_000_000
	const limiter = createRateLimiter({ max: 3, windowMs: 60_000, now: () => now })
	expect([1, 2, 3].map(() => limiter.hit('a').allowed)).toEqual([true, true, true])
	expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 60 })
	expect(limiter.hit('b').allowed).toBe(true)
	now += 30_000
	expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 30 })
	now += 30_000
	expect(limiter.hit('a').allowed).toBe(true)
	limiter.reset('a')
	expect([1, 2, 3].map(() => limiter.hit('a').allowed)).toEqual([true, true, true])
})
