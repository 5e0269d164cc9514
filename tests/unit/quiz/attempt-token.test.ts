import { expect, test } from 'vitest'
import { createAttemptToken, readAttemptToken } from '~/quiz/attempt-token.server.ts'

const layout = [{ questionId: 'q1', options: ['b', 'a'] }]

test('a token reads back as it was made, without any answer in it', () => {
	const token = createAttemptToken('course', '2', layout, 1_700_000_000_000)
	expect(readAttemptToken(token)).toMatchObject({ course: 'course', version: '2', startedAt: 1_700_000_000_000, layout })
	expect(Buffer.from(token.split('.')[0]!, 'base64url').toString()).not.toMatch(/correct|feedback|explanation/)
})

test('each token has its own nonce', () => {
	expect(readAttemptToken(createAttemptToken('c', '1', layout))!.nonce).not.toBe(readAttemptToken(createAttemptToken('c', '1', layout))!.nonce)
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
	expect(readAttemptToken(tamper(createAttemptToken('course', '1', layout)))).toBeNull()
})

test('non-strings are refused', () => {
	expect(readAttemptToken(undefined)).toBeNull()
	expect(readAttemptToken(42)).toBeNull()
})
