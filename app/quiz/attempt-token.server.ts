// The quiz form carries its attempt as a signed token: which questions were drawn, in which
// order, when the quiz was opened, and a nonce. Showing a quiz writes nothing; the token's nonce
// makes a resent form find its attempt instead of recording a second one. No answer key is in it.
// A pre-test and a spaced review (app/review/) carry their questions the same way, each token
// naming its purpose, so that a review's few questions can never be handed in as a quiz attempt.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { sessionSecret } from '~/utils/env.server.ts'
import type { Layout } from '~/quiz/grading.ts'

/** Seeds are stored as Int: 31 bits fit PostgreSQL's signed integer (SQLite's is 64-bit). */
const MAX_SEED = 0x7fffffff

const ATTEMPT_PURPOSES = ['quiz', 'pretest', 'review'] as const
export type AttemptPurpose = (typeof ATTEMPT_PURPOSES)[number]

const payloadSchema = z.object({
	/** A pre-test's or a review's form cannot be handed in as the graded quiz, nor the other way round. */
	purpose: z.enum(ATTEMPT_PURPOSES).default('quiz'),
	course: z.string().max(100),
	version: z.string().max(50),
	nonce: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
	startedAt: z.number().int().positive(),
	/** The seed the layout was drawn with, kept with the attempt (decision 008). */
	seed: z.number().int().min(0).max(MAX_SEED).default(0),
	layout: z.array(z.object({ questionId: z.string().max(100), options: z.array(z.string().max(100)).max(20) })).max(100),
})

type AttemptToken = z.infer<typeof payloadSchema>

const MAX_TOKEN_LENGTH = 20_000

function signature(body: string) {
	return createHmac('sha256', `quiz-attempt:${sessionSecret()}`).update(body).digest('base64url')
}

/** A fresh seed for a draw. */
export function newSeed(): number {
	return randomBytes(4).readUInt32BE(0) & MAX_SEED
}

export function createAttemptToken(
	attempt: { purpose: AttemptPurpose; course: string; version: string; seed: number; layout: Layout },
	now = Date.now(),
): string {
	const payload: AttemptToken = { ...attempt, nonce: randomBytes(16).toString('base64url'), startedAt: now }
	const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
	return `${body}.${signature(body)}`
}

/** The token's attempt, or null when it is not one we signed. */
export function readAttemptToken(token: unknown): AttemptToken | null {
	if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null
	const [body, mac, ...rest] = token.split('.')
	if (!body || !mac || rest.length > 0) return null
	const expected = Buffer.from(signature(body))
	const given = Buffer.from(mac)
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
	try {
		const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')))
		return parsed.success ? parsed.data : null
	} catch {
		return null
	}
}
