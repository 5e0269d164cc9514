// The quiz form carries its attempt as a signed token: which questions were drawn, in which
// order, when the quiz was opened, and a nonce. Showing a quiz writes nothing; the token's nonce
// makes a resent form find its attempt instead of recording a second one. No answer key is in it.
// A spaced review (app/review/) carries its questions the same way, signed for its own purpose so
// that a review's few questions can never be handed in as a quiz attempt.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { sessionSecret } from '~/utils/env.server.ts'
import type { Layout } from './grading.ts'

const payloadSchema = z.object({
	course: z.string().max(100),
	version: z.string().max(50),
	nonce: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
	startedAt: z.number().int().positive(),
	layout: z.array(z.object({ questionId: z.string().max(100), options: z.array(z.string().max(100)).max(20) })).max(100),
})

export type AttemptToken = z.infer<typeof payloadSchema>

const MAX_TOKEN_LENGTH = 20_000

export type TokenPurpose = 'quiz' | 'review'

function signature(body: string, purpose: TokenPurpose) {
	return createHmac('sha256', `${purpose}-attempt:${sessionSecret()}`).update(body).digest('base64url')
}

export function createAttemptToken(course: string, version: string, layout: Layout, now = Date.now(), purpose: TokenPurpose = 'quiz'): string {
	const payload: AttemptToken = { course, version, nonce: randomBytes(16).toString('base64url'), startedAt: now, layout }
	const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
	return `${body}.${signature(body, purpose)}`
}

/** The token's attempt, or null when it is not one we signed for this purpose. */
export function readAttemptToken(token: unknown, purpose: TokenPurpose = 'quiz'): AttemptToken | null {
	if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null
	const [body, mac, ...rest] = token.split('.')
	if (!body || !mac || rest.length > 0) return null
	const expected = Buffer.from(signature(body, purpose))
	const given = Buffer.from(mac)
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
	try {
		const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')))
		return parsed.success ? parsed.data : null
	} catch {
		return null
	}
}
