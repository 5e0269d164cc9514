// What a package page is told about its launch (decision 022): the learner's progress and best
// graded attempt, never a question or an answer.

type LaunchResult = {
	status: 'waiting' | 'incomplete' | 'passed' | 'failed'
	lessonsDone: number
	lessonsTotal: number
	score: { raw: number; max: number; scaled: number } | null
}

export function launchResult(
	bound: boolean,
	lessons: readonly string[],
	completed: ReadonlySet<string> | undefined,
	best: { score: number | null; maxScore: number | null; passed: boolean | null } | null,
): LaunchResult {
	const lessonsDone = lessons.filter((lesson) => completed?.has(lesson)).length
	const base = { lessonsDone, lessonsTotal: lessons.length }
	if (!bound) return { status: 'waiting', ...base, score: null }
	if (!best || best.score === null || !best.maxScore) return { status: 'incomplete', ...base, score: null }
	const scaled = Math.round((best.score / best.maxScore) * 10_000) / 10_000
	return { status: best.passed ? 'passed' : 'failed', ...base, score: { raw: best.score, max: best.maxScore, scaled } }
}
