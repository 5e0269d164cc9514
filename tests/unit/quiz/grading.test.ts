import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { readCourse } from '~/courses/read.server.ts'
import { drawLayout } from '~/quiz/draw.ts'
import { grade, isLayoutOf, itemStatistics, parseAnswers, type Layout } from '~/quiz/grading.ts'
import { ROOT } from '../../setup/paths.ts'

const quiz = readCourse(path.join(ROOT, 'tests/fixtures/courses/sample-course')).course!.quiz!
// sample-course: call-for-help (scenario: call), forms (multiple: money + shouting),
// never-fault (truefalse: true), leaving (single: hard); pass mark 75.

const lessons = ['first-lesson', 'second-lesson', 'third-lesson']

const allRight = { 'call-for-help': ['call'], forms: ['money', 'shouting'], 'never-fault': ['true'], leaving: ['hard'] }
const layout = drawLayout(quiz, lessons, [], 1)

describe('drawLayout', () => {
	test('shows every question once, options shuffled, true/false in natural order', () => {
		expect(layout.map((entry) => entry.questionId)).toEqual(['call-for-help', 'forms', 'never-fault', 'leaving'])
		expect(layout.find((entry) => entry.questionId === 'never-fault')!.options).toEqual(['true', 'false'])
		expect(isLayoutOf(quiz, layout)).toBe(true)
		const orders = new Set(Array.from({ length: 20 }, (_, seed) => drawLayout(quiz, lessons, [], seed + 2)[0]!.options.join()))
		expect(orders.size).toBeGreaterThan(1)
	})

	test('draws N questions from a bank when the quiz says so', () => {
		const drawn = drawLayout({ ...quiz, draw: 3 }, lessons, [], 7)
		expect(drawn).toHaveLength(3)
		expect(isLayoutOf(quiz, drawn)).toBe(true)
	})

	test('a layout round-trips through JSON and still grades the same', () => {
		const restored = JSON.parse(JSON.stringify(layout)) as Layout
		expect(grade(quiz, restored, allRight)).toEqual(grade(quiz, layout, allRight))
	})

	test('isLayoutOf rejects questions or options that are not this quiz’s', () => {
		expect(isLayoutOf(quiz, [{ questionId: 'other', options: ['a', 'b'] }])).toBe(false)
		expect(isLayoutOf(quiz, [{ questionId: 'leaving', options: ['hard', 'easy', 'extra'] }])).toBe(false)
		expect(isLayoutOf(quiz, [{ questionId: 'leaving', options: ['hard'] }])).toBe(false)
		expect(isLayoutOf(quiz, [layout[0]!, layout[0]!])).toBe(false)
	})
})

describe('grade', () => {
	test('all right passes with 100 %', () => {
		expect(grade(quiz, layout, allRight)).toMatchObject({ score: 4, maxScore: 4, percent: 100, passed: true })
	})

	test('single, scenario and true/false: right only with the right option', () => {
		const result = grade(quiz, layout, { ...allRight, leaving: ['easy'], 'never-fault': ['false'], 'call-for-help': ['wait'] })
		expect(result.results.map((entry) => [entry.questionId, entry.correct])).toEqual([
			['call-for-help', false],
			['forms', true],
			['never-fault', false],
			['leaving', false],
		])
		expect(result).toMatchObject({ score: 1, percent: 25, passed: false })
	})

	test('multiple choice is all or nothing: missing or extra options make it wrong', () => {
		for (const chosen of [['money'], ['money', 'shouting', 'weather'], ['weather']]) {
			expect(grade(quiz, layout, { ...allRight, forms: chosen }).results[1]!.correct).toBe(false)
		}
		expect(grade(quiz, layout, { ...allRight, forms: ['shouting', 'money'] }).results[1]!.correct).toBe(true)
	})

	test('the pass mark is inclusive: 3 of 4 = 75 % passes a 75 % quiz', () => {
		expect(grade(quiz, layout, { ...allRight, leaving: ['easy'] })).toMatchObject({ percent: 75, passed: true })
	})
})

describe('parseAnswers', () => {
	const fields = (answers: Record<string, string[]>): [string, string][] =>
		Object.entries(answers).flatMap(([id, chosen]) => chosen.map((option): [string, string] => [`q-${id}`, option]))

	test('reads a complete form, ignoring the token and other fields', () => {
		expect(parseAnswers(quiz, layout, [['token', 'x'], ...fields(allRight)])).toEqual({ ok: true, answers: allRight })
	})

	test('lists unanswered questions and keeps what was chosen', () => {
		const result = parseAnswers(quiz, layout, fields({ forms: ['money'] }))
		expect(result).toEqual({ ok: false, kind: 'unanswered', missing: ['call-for-help', 'never-fault', 'leaving'], answers: { forms: ['money'] } })
	})

	test.each([
		['a question this attempt did not show', [['q-elsewhere', 'a']]],
		['an option of another question', [['q-leaving', 'call']]],
		['an option that does not exist', [['q-leaving', 'maybe']]],
		['the same option twice', [['q-forms', 'money'], ['q-forms', 'money']]],
		['two answers to a one-answer question', [['q-leaving', 'hard'], ['q-leaving', 'easy']]],
		['an oversized value', [['q-leaving', 'x'.repeat(10_000)]]],
	])('refuses %s', (_name, given) => {
		expect(parseAnswers(quiz, layout, given as [string, string][])).toMatchObject({ ok: false, kind: 'invalid' })
	})
})

test('item statistics: share right and the most chosen wrong option per question', () => {
	const answers = [
		{ questionId: 'leaving', chosen: ['easy'], correct: false },
		{ questionId: 'leaving', chosen: ['hard'], correct: true },
		{ questionId: 'leaving', chosen: ['easy'], correct: false },
		{ questionId: 'forms', chosen: ['money', 'weather'], correct: false },
		{ questionId: 'forms', chosen: ['money', 'shouting'], correct: true },
	]
	const stats = itemStatistics(quiz, answers)
	expect(stats.find((entry) => entry.questionId === 'leaving')).toEqual({
		questionId: 'leaving',
		answered: 3,
		rightShare: 1 / 3,
		mostChosenWrong: { option: 'easy', count: 2 },
	})
	expect(stats.find((entry) => entry.questionId === 'forms')).toMatchObject({ answered: 2, rightShare: 0.5, mostChosenWrong: { option: 'weather', count: 1 } })
	expect(stats.find((entry) => entry.questionId === 'never-fault')).toEqual({ questionId: 'never-fault', answered: 0, rightShare: null, mostChosenWrong: null })
})

test('item statistics over grouped answers equal those over the answers one by one', () => {
	const single = [
		{ questionId: 'leaving', chosen: ['easy'], correct: false },
		{ questionId: 'leaving', chosen: ['easy'], correct: false },
		{ questionId: 'leaving', chosen: ['hard'], correct: true },
		{ questionId: 'forms', chosen: ['money', 'weather'], correct: false },
	]
	const grouped = [
		{ questionId: 'leaving', chosen: ['easy'], correct: false, count: 2 },
		{ questionId: 'leaving', chosen: ['hard'], correct: true, count: 1 },
		{ questionId: 'forms', chosen: ['money', 'weather'], correct: false, count: 1 },
	]
	expect(itemStatistics(quiz, grouped)).toEqual(itemStatistics(quiz, single))
	expect(itemStatistics(quiz, grouped).find((entry) => entry.questionId === 'leaving')).toMatchObject({ answered: 3, mostChosenWrong: { option: 'easy', count: 2 } })
})
