// Drawing an attempt's questions from a course's pool: a stratified sample (every lesson has a
// question in every attempt), preferring questions the learner was not shown last time, so a
// retry is a new test and not the same one in another order (docs/decisions/008-quizzes.md).
// Seeded: the same seed, pool and previous attempt always give the same layout.
import { questionOptions, type QuizDefinition, type QuizQuestionDefinition } from '~/courses/schema.ts'
import type { Layout } from '~/quiz/grading.ts'

export type Random = () => number

/** mulberry32: small, fast and good enough to shuffle questions; not for secrets. */
export function seededRandom(seed: number): Random {
	let state = seed >>> 0
	return () => {
		state = (state + 0x6d2b79f5) >>> 0
		let mixed = Math.imul(state ^ (state >>> 15), 1 | state)
		mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed
		return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
	}
}

export function shuffle<T>(items: readonly T[], random: Random): T[] {
	const result = [...items]
	for (let index = result.length - 1; index > 0; index--) {
		const other = Math.floor(random() * (index + 1))
		;[result[index], result[other]] = [result[other]!, result[index]!]
	}
	return result
}

/** How many questions an attempt shows: `draw`, or the whole quiz when it has no pool. */
function drawSize(quiz: QuizDefinition): number {
	return Math.min(quiz.draw ?? quiz.questions.length, quiz.questions.length)
}

/**
 * The attempt's questions, in the course's lesson order, each with its options shuffled
 * (true/false keeps its natural order). `lessons` is the course's lesson order; `previous` the
 * question ids of the learner's last attempt, which are drawn only when nothing else is left.
 */
export function drawLayout(quiz: QuizDefinition, lessons: readonly string[], previous: readonly string[], seed: number): Layout {
	const random = seededRandom(seed)
	const count = drawSize(quiz)
	const seen = new Set(previous)
	// Fresh questions first, each group in random order.
	const ordered = (questions: QuizQuestionDefinition[]) => [
		...shuffle(questions.filter((question) => !seen.has(question.id)), random),
		...shuffle(questions.filter((question) => seen.has(question.id)), random),
	]
	const byLesson = new Map<string, QuizQuestionDefinition[]>()
	for (const question of quiz.questions) {
		const key = question.lesson ?? ''
		byLesson.set(key, [...(byLesson.get(key) ?? []), question])
	}
	const chosen = new Set<string>()
	// One from every lesson first (in random lesson order, should the draw be smaller than the course).
	for (const lesson of shuffle(lessons.filter((slug) => byLesson.has(slug)), random)) {
		if (chosen.size >= count) break
		chosen.add(ordered(byLesson.get(lesson)!)[0]!.id)
	}
	for (const question of ordered(quiz.questions.filter((candidate) => !chosen.has(candidate.id)))) {
		if (chosen.size >= count) break
		chosen.add(question.id)
	}
	const position = (question: QuizQuestionDefinition) => {
		const index = question.lesson ? lessons.indexOf(question.lesson) : -1
		return index === -1 ? lessons.length : index
	}
	return quiz.questions
		.filter((question) => chosen.has(question.id))
		.sort((a, b) => position(a) - position(b))
		.map((question) => ({
			questionId: question.id,
			options: question.type === 'truefalse' ? questionOptions(question) : shuffle(questionOptions(question), random),
		}))
}

/** The share of `next`'s questions that were not in `previous` (0–1). */
export function changedShare(previous: readonly string[], next: readonly string[]): number {
	if (next.length === 0) return 0
	const before = new Set(previous)
	return next.filter((id) => !before.has(id)).length / next.length
}

/**
 * The given questions (a spaced review's, app/review/) in bank order, each with its options
 * shuffled as in a draw (true/false keeps its natural order).
 */
export function reviewLayout(quiz: QuizDefinition, questionIds: readonly string[], seed: number): Layout {
	const random = seededRandom(seed)
	const chosen = new Set(questionIds)
	return quiz.questions
		.filter((question) => chosen.has(question.id))
		.map((question) => ({
			questionId: question.id,
			options: question.type === 'truefalse' ? questionOptions(question) : shuffle(questionOptions(question), random),
		}))
}
