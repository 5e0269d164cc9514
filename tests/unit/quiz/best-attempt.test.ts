// The attempt that counts: a pass before a fail, then the higher score, then the earlier one.
import { describe, expect, test } from 'vitest'
import { bestAttempt } from '~/quiz/best-attempt.ts'

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 8) + minutes * 60_000)
const attempt = (id: string, passed: boolean, score: number, minutes: number | null) => ({ id, passed, score, submittedAt: minutes === null ? null : at(minutes) })

describe('bestAttempt', () => {
	test('none, or none submitted: null', () => {
		expect(bestAttempt([])).toBeNull()
		expect(bestAttempt([attempt('a', true, 10, null)])).toBeNull()
	})

	test('a pass counts before a higher-scoring fail', () => {
		expect(bestAttempt([attempt('fail', false, 9, 0), attempt('pass', true, 8, 1)])?.id).toBe('pass')
	})

	test('between passes, the higher score; between equal scores, the earlier', () => {
		expect(bestAttempt([attempt('a', true, 8, 0), attempt('b', true, 10, 1), attempt('c', true, 10, 2)])?.id).toBe('b')
		expect(bestAttempt([attempt('late', false, 5, 9), attempt('early', false, 5, 3)])?.id).toBe('early')
	})

	test('an unsubmitted attempt never counts, however it scored', () => {
		expect(bestAttempt([attempt('open', true, 10, null), attempt('done', false, 1, 0)])?.id).toBe('done')
	})

	test('order of the input does not matter', () => {
		const attempts = [attempt('a', false, 3, 0), attempt('b', true, 7, 5), attempt('c', true, 7, 2), attempt('d', false, 9, 1)]
		expect(bestAttempt(attempts)?.id).toBe('c')
		expect(bestAttempt([...attempts].reverse())?.id).toBe('c')
	})
})
