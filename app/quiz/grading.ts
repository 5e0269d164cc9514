// Quiz logic with no HTTP and no database: drawing an attempt's questions, reading the submitted
// form, grading, and item statistics. Multiple-choice questions are all or nothing
// (docs/decisions/008-quizzes.md).
import { questionOptions, type QuizDefinition, type QuizQuestionDefinition } from '~/courses/schema.ts'

/** The questions an attempt shows, in order, each with its options in the order shown. */
export type Layout = { questionId: string; options: string[] }[]

/** A layout is only trusted if every question and option in it belongs to this quiz. */
export function isLayoutOf(quiz: QuizDefinition, layout: Layout): boolean {
	const seen = new Set<string>()
	return layout.every((entry) => {
		const question = quiz.questions.find((candidate) => candidate.id === entry.questionId)
		if (!question || seen.has(entry.questionId)) return false
		seen.add(entry.questionId)
		const options = questionOptions(question)
		return entry.options.length === options.length && options.every((option) => entry.options.includes(option))
	})
}

export type Answers = Record<string, string[]>

type ParsedAnswers =
	| { ok: true; answers: Answers }
	| { ok: false; kind: 'unanswered'; missing: string[]; answers: Answers }
	| { ok: false; kind: 'invalid'; reason: string }

const MAX_FIELD_LENGTH = 100

/**
 * Reads answers from form fields named `q-<questionId>`. Missing answers come back so the form
 * can be shown again with what was chosen; anything that this attempt did not offer is invalid.
 */
export function parseAnswers(quiz: QuizDefinition, layout: Layout, fields: [string, string][]): ParsedAnswers {
	const answers: Answers = {}
	for (const [name, value] of fields) {
		if (!name.startsWith('q-')) continue
		const questionId = name.slice(2)
		const entry = layout.find((candidate) => candidate.questionId === questionId)
		if (!entry) return { ok: false, kind: 'invalid', reason: 'unknown question' }
		if (value.length > MAX_FIELD_LENGTH || !entry.options.includes(value)) return { ok: false, kind: 'invalid', reason: 'unknown option' }
		const chosen = (answers[questionId] ??= [])
		if (chosen.includes(value)) return { ok: false, kind: 'invalid', reason: 'repeated option' }
		chosen.push(value)
	}
	for (const [questionId, chosen] of Object.entries(answers)) {
		const question = quiz.questions.find((candidate) => candidate.id === questionId)!
		if (question.type !== 'multiple' && chosen.length > 1) return { ok: false, kind: 'invalid', reason: 'several answers to a one-answer question' }
	}
	const missing = layout.map((entry) => entry.questionId).filter((questionId) => !answers[questionId]?.length)
	return missing.length > 0 ? { ok: false, kind: 'unanswered', missing, answers } : { ok: true, answers }
}

type QuestionResult = { questionId: string; chosen: string[]; correct: boolean; correctOptions: string[] }
export type Grade = { score: number; maxScore: number; percent: number; passed: boolean; results: QuestionResult[] }

function isRight(question: QuizQuestionDefinition, chosen: string[]): boolean {
	return chosen.length === question.correct.length && question.correct.every((option) => chosen.includes(option))
}

export function grade(quiz: QuizDefinition, layout: Layout, answers: Answers): Grade {
	const results = layout.map(({ questionId }) => {
		const question = quiz.questions.find((candidate) => candidate.id === questionId)!
		const chosen = answers[questionId] ?? []
		return { questionId, chosen, correct: isRight(question, chosen), correctOptions: question.correct }
	})
	const score = results.filter((result) => result.correct).length
	const maxScore = results.length
	const percent = maxScore === 0 ? 0 : Math.round((score / maxScore) * 100)
	return { score, maxScore, percent, passed: percent >= quiz.passMark, results }
}

export type ItemStatistic = {
	questionId: string
	answered: number
	/** Share answering right, 0–1; null when nobody answered. */
	rightShare: number | null
	/** The wrong option chosen most often, with how many chose it. */
	mostChosenWrong: { option: string; count: number } | null
}

/**
 * Per question: how many answered, the share right, and the most chosen wrong option. Answers may
 * come grouped (`count` identical answers), as the database counts them.
 */
export function itemStatistics(quiz: QuizDefinition, answers: { questionId: string; chosen: string[]; correct: boolean; count?: number }[]): ItemStatistic[] {
	return quiz.questions.map((question) => {
		const mine = answers.filter((answer) => answer.questionId === question.id)
		const total = (list: typeof mine) => list.reduce((sum, answer) => sum + (answer.count ?? 1), 0)
		const wrongCounts = new Map<string, number>()
		for (const answer of mine) {
			for (const option of answer.chosen) {
				if (!question.correct.includes(option)) wrongCounts.set(option, (wrongCounts.get(option) ?? 0) + (answer.count ?? 1))
			}
		}
		const [worst] = [...wrongCounts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
		const answered = total(mine)
		return {
			questionId: question.id,
			answered,
			rightShare: answered === 0 ? null : total(mine.filter((answer) => answer.correct)) / answered,
			mostChosenWrong: worst ? { option: worst[0], count: worst[1] } : null,
		}
	})
}
