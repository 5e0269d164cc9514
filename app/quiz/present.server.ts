// Quiz data shaped for pages. The form gets texts and option ids only — never which option is
// right, and never feedback or explanations; those appear only after grading.
import type { TFunction } from 'i18next'
import type { Locale } from '~/config/i18n.ts'
import { lessonTitle, pickLocale } from '~/courses/present.server.ts'
import type { Course } from '~/courses/read.server.ts'
import type { QuizQuestionDefinition } from '~/courses/schema.ts'
import { showSource } from '~/courses/sources.ts'
import type { ItemStatistic, Layout } from '~/quiz/grading.ts'
import { DATE_LOCALE_TAGS } from '~/utils/dates.ts'

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

/**
 * The result page's questions. With the key revealed (a pass, or enough failures: decision 008)
 * every option shows whether it was right. Without it, a wrongly answered question shows only
 * what the learner chose, why that is wrong, and the lesson section to read again: never the
 * right option, its feedback or the explanation (which names it).
 */
export function quizResult(
	course: Course,
	attempt: { layout: Layout; answers: { questionId: string; chosen: string[]; correct: boolean }[] },
	wanted: Locale,
	t: TFunction,
	revealKey: boolean,
) {
	const locale = pickLocale(course.locales, wanted)
	// An attempt made under an older content version may name a question that no longer exists.
	const known = attempt.layout.filter((entry) => course.quiz?.questions.some((question) => question.id === entry.questionId))
	return known.map((entry) => {
		const question = questionOf(course, entry.questionId)
		const text = texts(question, locale)
		const answer = attempt.answers.find((candidate) => candidate.questionId === entry.questionId)
		const right = answer?.correct ?? false
		const chosen = answer?.chosen ?? []
		const common = { id: question.id, situation: text.situation ?? null, prompt: text.prompt, right }
		if (!revealKey && !right) {
			return {
				...common,
				revealed: false as const,
				// In a multiple-choice question, which of the chosen options were right is part of the key too.
				wrongChosen: chosen
					.filter((option) => !question.correct.includes(option))
					.map((option) => ({ id: option, text: optionText(question, option, locale, t), feedback: text.options?.[option]?.feedback ?? null })),
				missedSome: question.correct.some((option) => !chosen.includes(option)) && chosen.every((option) => question.correct.includes(option)),
				review: reviewLink(course, question, locale),
			}
		}
		const source = course.meta.sources.find((candidate) => candidate.id === question.source)
		return {
			...common,
			revealed: true as const,
			explanation: text.explanation,
			source: source ? showSource(source, locale) : null,
			options: entry.options.map((option) => ({
				id: option,
				text: optionText(question, option, locale, t),
				chosen: chosen.includes(option),
				correct: question.correct.includes(option),
				feedback: text.options?.[option]?.feedback ?? null,
			})),
			review: right ? null : reviewLink(course, question, locale),
		}
	})
}

/** Where a wrong answer sends the learner: the question's lesson, at its section when one is named. */
function reviewLink(course: Course, question: QuizQuestionDefinition, locale: Locale) {
	const lesson = course.lessons.find((candidate) => candidate.slug === question.lesson)
	if (!lesson) return null
	return {
		href: `/courses/${course.slug}/lessons/${lesson.slug}${question.section ? `#${question.section}` : ''}`,
		title: lessonTitle(lesson, locale),
	}
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

/** The cool-down in words: hours left (rounded up) and the moment, in Kazakhstan's time. */
export function coolDownView(state: { failures: number; until: Date }, locale: Locale, now = new Date()) {
	return {
		failures: state.failures,
		hours: Math.max(1, Math.ceil((state.until.getTime() - now.getTime()) / 3_600_000)),
		time: new Intl.DateTimeFormat(DATE_LOCALE_TAGS[locale], { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Almaty' }).format(state.until),
	}
}
