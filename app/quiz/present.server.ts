// Quiz data shaped for pages. The form gets texts and option ids only — never which option is
// right, and never feedback or explanations; those appear only after grading.
import type { TFunction } from 'i18next'
import type { Locale } from '~/config/i18n.ts'
import { pickLocale } from '~/courses/present.server.ts'
import type { Course } from '~/courses/read.server.ts'
import type { QuizQuestionDefinition } from '~/courses/schema.ts'
import { showSource } from '~/courses/sources.ts'
import type { ItemStatistic, Layout } from './grading.ts'

function texts(question: QuizQuestionDefinition, locale: Locale) {
	return (question[locale] ?? question.en ?? question.ru ?? question.kk)!
}

function optionText(question: QuizQuestionDefinition, option: string, locale: Locale, t: TFunction): string {
	if (question.type === 'truefalse') return t(option === 'true' ? 'quiz.true' : 'quiz.false')
	return texts(question, locale).options?.[option]?.text ?? option
}

function questionOf(course: Course, questionId: string): QuizQuestionDefinition {
	const question = course.quiz?.questions.find((candidate) => candidate.id === questionId)
	if (!question) throw new Error(`No question ${questionId} in ${course.slug}`)
	return question
}

export function quizForm(course: Course, layout: Layout, token: string, wanted: Locale, t: TFunction) {
	const locale = pickLocale(course.locales, wanted)
	return {
		token,
		locale,
		questions: layout.map((entry) => {
			const question = questionOf(course, entry.questionId)
			const text = texts(question, locale)
			return {
				id: question.id,
				multiple: question.type === 'multiple',
				situation: text.situation ?? null,
				prompt: text.prompt,
				options: entry.options.map((option) => ({ id: option, text: optionText(question, option, locale, t) })),
			}
		}),
	}
}

export function quizResult(
	course: Course,
	attempt: { layout: Layout; answers: { questionId: string; chosen: string[]; correct: boolean }[] },
	wanted: Locale,
	t: TFunction,
) {
	const locale = pickLocale(course.locales, wanted)
	// An attempt made under an older content version may name a question that no longer exists.
	const known = attempt.layout.filter((entry) => course.quiz?.questions.some((question) => question.id === entry.questionId))
	return known.map((entry) => {
		const question = questionOf(course, entry.questionId)
		const text = texts(question, locale)
		const answer = attempt.answers.find((candidate) => candidate.questionId === entry.questionId)
		const source = course.meta.sources.find((candidate) => candidate.id === question.source)
		return {
			id: question.id,
			situation: text.situation ?? null,
			prompt: text.prompt,
			right: answer?.correct ?? false,
			explanation: text.explanation,
			source: source ? showSource(source, locale) : null,
			options: entry.options.map((option) => ({
				id: option,
				text: optionText(question, option, locale, t),
				chosen: answer?.chosen.includes(option) ?? false,
				correct: question.correct.includes(option),
				feedback: text.options?.[option]?.feedback ?? null,
			})),
		}
	})
}

/** Item statistics in the teacher's language: what the class got right and what misled it. */
export function itemStatisticsView(
	course: Course,
	statistics: readonly { questionId: string; answered: number | null; rightShare: number | null; mostChosenWrong: ItemStatistic['mostChosenWrong'] }[],
	wanted: Locale,
	t: TFunction,
) {
	const locale = pickLocale(course.locales, wanted)
	return statistics.map((item) => {
		const question = questionOf(course, item.questionId)
		return {
			id: item.questionId,
			prompt: texts(question, locale).prompt,
			answered: item.answered,
			rightPercent: item.rightShare === null ? null : Math.round(item.rightShare * 100),
			mostChosenWrong: item.mostChosenWrong ? { text: optionText(question, item.mostChosenWrong.option, locale, t), count: item.mostChosenWrong.count } : null,
		}
	})
}
