// What courses:check asks of a quiz as an assessment (docs/decisions/008-quizzes.md): a pool big
// enough that a retry is a new test, every lesson examined, and options that do not give the
// answer away by their length. Pure: takes the quiz and the course's lessons and locales.
import type { Locale } from '~/config/i18n.ts'
import type { QuizDefinition, QuizQuestionDefinition } from '~/courses/schema.ts'

/** The pool holds at least this many times the questions an attempt draws. */
const POOL_FACTOR = 2
/** Fails above this share of single-answer items whose right option is the longest. */
const MAX_RIGHT_LONGEST_SHARE = 0.4
/** A wrong option shorter than this share of the right one is flagged (a warning). */
const SHORT_OPTION_RATIO = 0.4

type PoolFinding = { questionId: string | null; message: string }

export type LengthReport = {
	locale: Locale
	/** Single-answer items (single and scenario) with option texts in this locale. */
	items: number
	rightLongest: number
	share: number
}

/** Problems that fail the check: draw, pool size and lesson coverage. */
export function poolProblems(quiz: QuizDefinition, lessons: readonly string[]): PoolFinding[] {
	if (quiz.draw === undefined) {
		return [{ questionId: null, message: `draw is missing: set how many questions an attempt draws (the pool needs at least ${POOL_FACTOR} × draw)` }]
	}
	const problems: PoolFinding[] = []
	if (quiz.questions.length < POOL_FACTOR * quiz.draw) {
		problems.push({ questionId: null, message: `the pool has ${quiz.questions.length} questions: draw ${quiz.draw} needs at least ${POOL_FACTOR * quiz.draw}` })
	}
	if (quiz.draw < lessons.length) {
		problems.push({ questionId: null, message: `draw ${quiz.draw} is smaller than the course's ${lessons.length} lessons: every attempt must have a question from each` })
	}
	for (const question of quiz.questions) {
		if (!question.lesson) problems.push({ questionId: question.id, message: 'name the lesson it revisits (lesson: …): the draw takes questions from every lesson' })
	}
	for (const lesson of lessons) {
		if (!quiz.questions.some((question) => question.lesson === lesson)) problems.push({ questionId: null, message: `no question revisits lesson "${lesson}"` })
	}
	return problems
}

const isSingleAnswer = (question: QuizQuestionDefinition) => question.type === 'single' || question.type === 'scenario'

function optionLengths(question: QuizQuestionDefinition, locale: Locale): Map<string, number> | null {
	const texts = question[locale]?.options
	if (!texts || !question.options) return null
	const lengths = new Map<string, number>()
	for (const option of question.options) {
		const text = texts[option]?.text
		if (!text) return null
		lengths.set(option, [...text.trim()].length)
	}
	return lengths
}

/** Per locale: how often the right option of a single-answer item is (strictly or jointly) the longest. */
export function lengthReport(quiz: QuizDefinition, locales: readonly Locale[]): LengthReport[] {
	return locales.map((locale) => {
		let items = 0
		let rightLongest = 0
		for (const question of quiz.questions.filter(isSingleAnswer)) {
			const lengths = optionLengths(question, locale)
			if (!lengths) continue
			items++
			const right = lengths.get(question.correct[0]!) ?? 0
			// A tie counts: a learner picking "the longest" would still land on the key.
			if ([...lengths.values()].every((length) => length <= right)) rightLongest++
		}
		return { locale, items, rightLongest, share: items === 0 ? 0 : rightLongest / items }
	})
}

export function lengthProblems(reports: readonly LengthReport[]): PoolFinding[] {
	return reports
		.filter((report) => report.share > MAX_RIGHT_LONGEST_SHARE)
		.map((report) => ({
			questionId: null,
			message: `${report.locale}: the right option is the longest in ${report.rightLongest} of ${report.items} single-answer questions (${Math.round(report.share * 100)} %; at most ${MAX_RIGHT_LONGEST_SHARE * 100} %)`,
		}))
}

/** Warnings: wrong options far shorter than the right one, which a guesser can rule out at a glance. */
export function shortOptionWarnings(quiz: QuizDefinition, locales: readonly Locale[]): PoolFinding[] {
	const warnings: PoolFinding[] = []
	for (const question of quiz.questions.filter(isSingleAnswer)) {
		for (const locale of locales) {
			const lengths = optionLengths(question, locale)
			if (!lengths) continue
			const right = lengths.get(question.correct[0]!) ?? 0
			const short = [...lengths.entries()].filter(([option, length]) => option !== question.correct[0] && length < right * SHORT_OPTION_RATIO)
			for (const [option, length] of short) {
				warnings.push({
					questionId: question.id,
					message: `${locale}: option "${option}" has ${length} characters, under ${SHORT_OPTION_RATIO * 100} % of the right option's ${right}`,
				})
			}
		}
	}
	return warnings
}
