// The retake policy: a cool-down after failures in a row, and when a failed attempt shows its key.
import { describe, expect, test } from 'vitest'
import { failuresInARow, keyRevealed, retakeState } from '~/quiz/retake.ts'

const policy = { coolDownAfterFailures: 2, coolDownHours: 24, revealKeyAfterFailures: 3 }
const at = (hours: number) => new Date(Date.UTC(2026, 11, 1, 8) + hours * 3_600_000)
const failed = (hours: number) => ({ passed: false, submittedAt: at(hours) })
const passed = (hours: number) => ({ passed: true, submittedAt: at(hours) })

describe('cool-down', () => {
	test('one failure leaves the quiz open', () => {
		expect(retakeState(policy, [failed(0)], at(1))).toEqual({ open: true })
	})

	test('the second failure in a row closes it for 24 hours, then it opens again', () => {
		const attempts = [failed(0), failed(1)]
		expect(retakeState(policy, attempts, at(2))).toEqual({ open: false, failures: 2, until: at(25) })
		expect(retakeState(policy, attempts, at(24.99))).toMatchObject({ open: false })
		expect(retakeState(policy, attempts, at(25))).toEqual({ open: true })
	})

	test('after the pause, the third failure does not close it; the fourth does', () => {
		expect(retakeState(policy, [failed(0), failed(1), failed(30)], at(31))).toEqual({ open: true })
		expect(retakeState(policy, [failed(0), failed(1), failed(30), failed(31)], at(32))).toMatchObject({ open: false, failures: 4 })
	})

	test('a pass resets the count', () => {
		expect(failuresInARow([failed(0), passed(1), failed(2)])).toBe(1)
		expect(retakeState(policy, [failed(0), passed(1), failed(2)], at(3))).toEqual({ open: true })
	})

	test('without a policy the quiz never rests', () => {
		expect(retakeState(undefined, [failed(0), failed(1), failed(2)], at(3))).toEqual({ open: true })
	})
})

describe('the key of a failed attempt', () => {
	test('is hidden until the course is passed or the failures reach revealKeyAfterFailures', () => {
		expect(keyRevealed(policy, { passedCourse: false, failuresSoFar: 2 })).toBe(false)
		expect(keyRevealed(policy, { passedCourse: false, failuresSoFar: 3 })).toBe(true)
		expect(keyRevealed(policy, { passedCourse: true, failuresSoFar: 1 })).toBe(true)
		expect(keyRevealed({}, { passedCourse: false, failuresSoFar: 50 })).toBe(false)
	})
})
