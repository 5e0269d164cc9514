import { expect, test } from 'vitest'
import { createAttemptToken, readAttemptToken } from '~/quiz/attempt-token.server.ts'

const layout = [{ questionId: 'q1', options: ['b', 'a'] }]
const make = (course: string, version: string, now?: number) => createAttemptToken({ purpose: 'quiz', course, version, seed: 7, layout }, now)

test('a token reads back as it was made, without any answer in it', () => {
	const token = make('course', '2', 1_700_000_000_000)
	expect(readAttemptToken(token)).toMatchObject({ purpose: 'quiz', course: 'course', version: '2', seed: 7, startedAt: 1_700_000_000_000, layout })
	expect(Buffer.from(token.split('.')[0]!, 'base64url').toString()).not.toMatch(/correct|feedback|explanation/)
})

test('each token has its own nonce', () => {
	expect(readAttemptToken(make('c', '1'))!.nonce).not.toBe(readAttemptToken(make('c', '1'))!.nonce)
})

test.each([
	['a changed layout', (token: string) => {
		const [body, mac] = token.split('.')
		const payload = JSON.parse(Buffer.from(body!, 'base64url').toString())
		payload.layout = [{ questionId: 'q1', options: ['a', 'b'] }]
		return `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${mac}`
	}],
	['a cut signature', (token: string) => token.slice(0, -3)],
	['no signature', (token: string) => token.split('.')[0]!],
	['garbage', () => 'not-a-token'],
	['a huge value', () => 'x'.repeat(50_000)],
])('%s is refused', (_name, tamper) => {
	expect(readAttemptToken(tamper(make('course', '1')))).toBeNull()
})

test('non-strings are refused', () => {
	expect(readAttemptToken(undefined)).toBeNull()
	expect(readAttemptToken(42)).toBeNull()
})

test('a pre-test token says so, so it cannot be handed in as the graded quiz', () => {
	expect(readAttemptToken(createAttemptToken({ purpose: 'pretest', course: 'c', version: '1', seed: 1, layout }))!.purpose).toBe('pretest')
})
