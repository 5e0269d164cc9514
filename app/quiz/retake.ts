// The retake policy of a course (course.yaml `retake`, docs/decisions/008-quizzes.md): after a
// number of failed attempts in a row the quiz rests for some hours, and a failed attempt shows its
// whole answer key only after a pass or after a number of failures. Lessons are never locked.
import type { RetakePolicy } from '~/courses/schema.ts'

type PastAttempt = { passed: boolean; submittedAt: Date }

type RetakeState = { open: true } | { open: false; failures: number; until: Date }

const HOUR_MS = 60 * 60 * 1000

/** Failed attempts since the last pass (all of them when there was none). */
export function failuresInARow(attempts: readonly PastAttempt[]): number {
	let failures = 0
	for (const attempt of [...attempts].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime())) {
		failures = attempt.passed ? 0 : failures + 1
	}
	return failures
}

/** May the learner start another attempt now? Closed for coolDownHours after every n-th failure in a row. */
export function retakeState(policy: RetakePolicy | undefined, attempts: readonly PastAttempt[], now = new Date()): RetakeState {
	const after = policy?.coolDownAfterFailures
	const hours = policy?.coolDownHours
	if (!after || !hours) return { open: true }
	const failures = failuresInARow(attempts)
	if (failures === 0 || failures % after !== 0) return { open: true }
	const last = Math.max(...attempts.map((attempt) => attempt.submittedAt.getTime()))
	const until = new Date(last + hours * HOUR_MS)
	return until > now ? { open: false, failures, until } : { open: true }
}

/**
 * Is the whole key of an attempt shown? After a passed attempt, once the learner has passed the
 * course, or when the failures up to and including this attempt reach revealKeyAfterFailures.
 */
export function keyRevealed(policy: RetakePolicy | undefined, input: { passedCourse: boolean; failuresSoFar: number }): boolean {
	if (input.passedCourse) return true
	const after = policy?.revealKeyAfterFailures
	return after !== undefined && input.failuresSoFar >= after
}
