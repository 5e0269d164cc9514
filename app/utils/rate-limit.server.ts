// A fixed-window rate limiter in memory: one server process serves one SQLite file, so memory
// is the whole truth (decision 010). Keys are like "login:ip:1.2.3.4" or "login:account:name".
export type RateLimiter = { hit(key: string): { allowed: boolean; retryAfterSeconds: number }; reset(key: string): void }

export function createRateLimiter({ max, windowMs, now = Date.now }: { max: number; windowMs: number; now?: () => number }): RateLimiter {
	const windows = new Map<string, { start: number; count: number }>()
	let lastSweep = now()
	return {
		hit(key) {
			const at = now()
			// Forget finished windows now and then, so memory stays bounded.
			if (at - lastSweep > windowMs) {
				for (const [stored, window] of windows) if (at - window.start >= windowMs) windows.delete(stored)
				lastSweep = at
			}
			const current = windows.get(key)
			const window = current && at - current.start < windowMs ? current : { start: at, count: 0 }
			window.count++
			windows.set(key, window)
			const allowed = window.count <= max
			return { allowed, retryAfterSeconds: allowed ? 0 : Math.ceil((window.start + windowMs - at) / 1000) }
		},
		reset(key) {
			windows.delete(key)
		},
	}
}

const MINUTE = 60_000

/** The limits of the public account forms: per IP and per account, 15-minute windows. */
export const limits = {
	signInByIp: createRateLimiter({ max: 30, windowMs: 15 * MINUTE }),
	signInByAccount: createRateLimiter({ max: 8, windowMs: 15 * MINUTE }),
	signUpByIp: createRateLimiter({ max: 10, windowMs: 15 * MINUTE }),
	resetByIp: createRateLimiter({ max: 5, windowMs: 15 * MINUTE }),
	resetByAccount: createRateLimiter({ max: 3, windowMs: 15 * MINUTE }),
	verifyByIp: createRateLimiter({ max: 300, windowMs: 15 * MINUTE }),
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
