// Which attempt counts (docs/decisions/008-quizzes.md): a pass before a fail, then the higher
// score, then the earlier one. Chosen here rather than by an ORDER BY, so that the query reading a
// learner's attempts can stay on their own rows (see attemptHistory).

type Ranked = { passed: boolean | null; score: number | null; submittedAt: Date | null }

const rank = (attempt: Ranked) => [attempt.passed ? 1 : 0, attempt.score ?? -Infinity, -(attempt.submittedAt?.getTime() ?? Infinity)] as const

/** The best of these submitted attempts (unsubmitted ones never count), or null when there is none. */
export function bestAttempt<T extends Ranked>(attempts: readonly T[]): T | null {
	let best: T | null = null
	for (const attempt of attempts) {
		if (!attempt.submittedAt) continue
		if (!best || isBetter(attempt, best)) best = attempt
	}
	return best
}

function isBetter(a: Ranked, b: Ranked): boolean {
	const [ra, rb] = [rank(a), rank(b)]
	for (let index = 0; index < ra.length; index++) {
		if (ra[index] !== rb[index]) return ra[index]! > rb[index]!
	}
	return false
}
