// The draw of an attempt from a course's pool: stratified, seeded, and a new test on a retry.
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { readCourse } from '~/courses/read.server.ts'
import { changedShare, drawLayout } from '~/quiz/draw.ts'
import { isLayoutOf } from '~/quiz/grading.ts'
import { ROOT } from '../../setup/paths.ts'

const courses = ['tests/fixtures/courses/test-pool-course', 'courses/recognising-violence'].map((dir) => readCourse(path.join(ROOT, dir)).course!)

describe.each(courses.map((course) => [course.slug, course] as const))('%s', (_slug, course) => {
	const quiz = course.quiz!
	const lessons = course.lessons.map((lesson) => lesson.slug)
	const ids = (layout: ReturnType<typeof drawLayout>) => layout.map((entry) => entry.questionId)

	test('an attempt draws `draw` questions with every lesson represented, in lesson order', () => {
		for (let seed = 0; seed < 200; seed++) {
			const layout = drawLayout(quiz, lessons, [], seed)
			expect(layout).toHaveLength(quiz.draw!)
			expect(isLayoutOf(quiz, layout)).toBe(true)
			const drawnLessons = layout.map((entry) => quiz.questions.find((question) => question.id === entry.questionId)!.lesson!)
			expect(new Set(drawnLessons)).toEqual(new Set(lessons))
			expect(drawnLessons).toEqual([...drawnLessons].sort((a, b) => lessons.indexOf(a) - lessons.indexOf(b)))
		}
	})

	test('the same seed and history give the same layout; other seeds give others', () => {
		expect(drawLayout(quiz, lessons, [], 42)).toEqual(drawLayout(quiz, lessons, [], 42))
		const layouts = new Set(Array.from({ length: 30 }, (_, seed) => ids(drawLayout(quiz, lessons, [], seed)).join()))
		expect(layouts.size).toBeGreaterThan(10)
	})

	test('two consecutive attempts differ in at least 30 % of their questions', () => {
		let worst = 1
		for (let seed = 0; seed < 500; seed++) {
			const first = ids(drawLayout(quiz, lessons, [], seed))
			const second = ids(drawLayout(quiz, lessons, first, seed + 10_000))
			worst = Math.min(worst, changedShare(first, second))
		}
		expect(worst).toBeGreaterThanOrEqual(0.3)
	})
})

test('changedShare counts the questions of the next attempt that were not in the previous one', () => {
	expect(changedShare(['a', 'b', 'c', 'd'], ['a', 'b', 'e', 'f'])).toBe(0.5)
	expect(changedShare([], ['a'])).toBe(1)
	expect(changedShare(['a'], [])).toBe(0)
})
