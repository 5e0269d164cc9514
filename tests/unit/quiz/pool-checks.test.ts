// courses:check's assessment rules, on small quizzes made for each rule.
import { describe, expect, test } from 'vitest'
import type { QuizDefinition } from '~/courses/schema.ts'
import { lengthProblems, lengthReport, poolProblems, shortOptionWarnings } from '~/quiz/pool-checks.ts'

type Options = Record<string, string>
function question(id: string, lesson: string | undefined, options: Options, correct: string): QuizDefinition['questions'][number] {
	return {
		id,
		type: 'single',
		lesson,
		options: Object.keys(options),
		correct: [correct],
		en: { prompt: `${id}?`, explanation: 'Because.', options: Object.fromEntries(Object.entries(options).map(([key, text]) => [key, { text }])) },
	}
}
const even = { a: 'Call the police now', b: 'Wait for the morning', c: 'Knock on their door' }
const quiz = (questions: QuizDefinition['questions'], draw?: number): QuizDefinition => ({ passMark: 80, draw, questions })

describe('pool size and coverage', () => {
	test('a pool of twice the draw covering every lesson passes', () => {
		const questions = ['one', 'two', 'three', 'four'].map((id, index) => question(id, index < 2 ? 'first' : 'second', even, 'a'))
		expect(poolProblems(quiz(questions, 2), ['first', 'second'])).toEqual([])
	})

	test.each([
		['no draw', quiz([question('one', 'first', even, 'a')]), ['first'], ['draw is missing: set how many questions an attempt draws (the pool needs at least 2 × draw)']],
		['a pool smaller than twice the draw', quiz(['a1', 'a2', 'a3'].map((id) => question(id, 'first', even, 'a')), 2), ['first'], ['the pool has 3 questions: draw 2 needs at least 4']],
		[
			'a lesson no question revisits',
			quiz(['a1', 'a2', 'a3', 'a4'].map((id) => question(id, 'first', even, 'a')), 2),
			['first', 'second'],
			['no question revisits lesson "second"'],
		],
		[
			'a draw smaller than the lessons',
			quiz(['a1', 'a2', 'a3', 'a4'].map((id, index) => question(id, ['first', 'second', 'third'][index % 3], even, 'a')), 2),
			['first', 'second', 'third'],
			["draw 2 is smaller than the course's 3 lessons: every attempt must have a question from each"],
		],
		['a question without its lesson', quiz([question('a1', 'first', even, 'a'), question('a2', undefined, even, 'a')], 1), ['first'], [expect.stringMatching(/^name the lesson/)]],
	])('%s fails', (_name, definition, lessons, messages) => {
		expect(poolProblems(definition, lessons).map((problem) => problem.message)).toEqual(messages)
	})
})

describe('fair option lengths', () => {
	const longestRight = question('long', 'first', { a: 'Call the police and tell them what you hear', b: 'Wait', c: 'Knock' }, 'a')
	const shortRight = question('short', 'first', { a: 'Call 102', b: 'Wait until the morning', c: 'Knock on the door' }, 'a')

	test('reports per locale how often the right option is the longest (ties count)', () => {
		const tie = question('tie', 'first', { a: 'Same length', b: 'Same length', c: 'Short' }, 'a')
		expect(lengthReport(quiz([longestRight, shortRight, tie]), ['en'])).toEqual([{ locale: 'en', items: 3, rightLongest: 2, share: 2 / 3 }])
	})

	test('fails above 40 % and passes at or below it', () => {
		const fail = lengthReport(quiz([longestRight, shortRight]), ['en'])
		expect(lengthProblems(fail).map((problem) => problem.message)).toEqual([
			'en: the right option is the longest in 1 of 2 single-answer questions (50 %; at most 40 %)',
		])
		const pass = lengthReport(quiz([longestRight, shortRight, { ...shortRight, id: 's2' }, { ...shortRight, id: 's3' }, { ...shortRight, id: 's4' }]), ['en'])
		expect(pass[0]!.share).toBe(0.2)
		expect(lengthProblems(pass)).toEqual([])
	})

	test('multiple-choice and true/false items are not counted', () => {
		const multiple = { ...longestRight, id: 'multi', type: 'multiple' as const, correct: ['a', 'b'] }
		expect(lengthReport(quiz([multiple]), ['en'])[0]).toMatchObject({ items: 0, share: 0 })
	})

	test('flags a wrong option under 40 % of the right one’s length as a warning', () => {
		expect(shortOptionWarnings(quiz([longestRight, shortRight]), ['en'])).toEqual([
			{ questionId: 'long', message: 'en: option "b" has 4 characters, under 40 % of the right option\'s 43' },
			{ questionId: 'long', message: 'en: option "c" has 5 characters, under 40 % of the right option\'s 43' },
		])
	})
})
