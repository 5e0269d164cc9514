import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { readCourse } from '~/courses/read.server.ts'
import { reviewLayout } from '~/quiz/draw.ts'
import { grade } from '~/quiz/grading.ts'
import { cardsFromAttempt, keyPointQuestions, nextReview, review, REVIEW_SIZE } from '~/review/schedule.ts'
import { ROOT } from '../../setup/paths.ts'

const quiz = readCourse(path.join(ROOT, 'tests/fixtures/courses/sample-course')).course!.quiz!
const NOW = new Date('2026-12-01T09:00:00Z')
const DAY_MS = 24 * 60 * 60 * 1000
const days = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / DAY_MS)

test('a lesson’s key point is its first question in the quiz', () => {
	expect([...keyPointQuestions(quiz)]).toEqual(['call-for-help', 'forms', 'never-fault'])
})

describe('scheduling', () => {
	test('wrong comes back the next day, right later, and right again much later', () => {
		const wrong = review(null, false, NOW)
		const right = review(null, true, NOW)
		expect(days(NOW, wrong.due)).toBe(1)
		expect(days(NOW, right.due)).toBe(3)
		const again = review(right, true, right.due)
		expect(days(right.due, again.due)).toBeGreaterThan(7)
		const lapse = review(right, false, right.due)
		expect(days(right.due, lapse.due)).toBeLessThan(days(right.due, again.due))
		expect(lapse.lapses).toBe(1)
	})

	test('an attempt schedules missed questions and key points; a known extra question only if already reviewed', () => {
		const layout = reviewLayout(quiz, ['call-for-help', 'forms', 'never-fault', 'leaving'], 1)
		const graded = grade(quiz, layout, { 'call-for-help': ['call'], forms: ['money'], 'never-fault': ['true'], leaving: ['hard'] })
		expect(cardsFromAttempt(quiz, graded, new Map(), NOW).map((update) => update.questionId)).toEqual(['call-for-help', 'forms', 'never-fault'])
		const existing = new Map([['leaving', review(null, false, new Date(NOW.getTime() - DAY_MS))]])
		const updates = cardsFromAttempt(quiz, graded, existing, NOW)
		expect(updates.map((update) => update.questionId)).toContain('leaving')
		expect(updates.find((update) => update.questionId === 'leaving')!.state.reps).toBe(2)
	})
})

describe('the next review', () => {
	test('takes the most overdue course’s due cards, most overdue first, at most five', () => {
		const at = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * 60 * 60 * 1000)
		const due = [
			{ courseSlug: 'b', questionId: 'b1', due: at(1) },
			{ courseSlug: 'a', questionId: 'a1', due: at(2) },
			...Array.from({ length: 7 }, (_, index) => ({ courseSlug: 'a', questionId: `a${index + 2}`, due: at(1 - index / 10) })),
			{ courseSlug: 'a', questionId: 'later', due: new Date(NOW.getTime() + DAY_MS) },
		]
		const next = nextReview(due, NOW)!
		expect(next.courseSlug).toBe('a')
		expect(next.questionIds).toHaveLength(REVIEW_SIZE)
		expect(next.questionIds[0]).toBe('a1')
		expect(next.questionIds).not.toContain('later')
		expect(nextReview([{ courseSlug: 'a', questionId: 'later', due: new Date(NOW.getTime() + 1) }], NOW)).toBeNull()
	})
})
