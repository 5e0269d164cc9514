import { describe, expect, test } from 'vitest'
import { pageOf, visibleSummary } from '~/orgs/group-report.ts'

const learner = (index: number, overdue = false) => ({ displayName: `Learner ${index}`, overdue, lastActiveAt: new Date(Date.UTC(2026, 10, index + 1, 12)), status: 'in-progress' })
// One page of a 120-learner group, as the dashboard model reads it.
const summary = {
	counts: { 'not-started': 1, 'in-progress': 119 },
	learners: Array.from({ length: 50 }, (_, index) => learner(index + 50, index % 3 === 0)),
	overdue: { count: 40, names: Array.from({ length: 30 }, (_, index) => `Learner ${index * 3}`) },
}

describe('paging', () => {
	test.each([
		[null, 120, { page: 1, pages: 3, from: 1, to: 50 }],
		['3', 120, { page: 3, pages: 3, from: 101, to: 120 }],
		['9', 120, { page: 3, pages: 3 }],
		['0', 120, { page: 1 }],
		['1.5', 120, { page: 1 }],
		['abc', 120, { page: 1 }],
		[null, 0, { page: 1, pages: 1, from: 0, to: 0 }],
	])('?page=%s of %i learners', (requested, size, expected) => {
		expect(pageOf(requested, size)).toMatchObject(expected)
	})
})

describe('what a viewer sees', () => {
	test('individuals: the page’s rows with their days, the totals and overdue learners of everyone', () => {
		const view = visibleSummary(summary, { individuals: true, totals: true })
		expect(view.counts).toEqual(summary.counts)
		expect(view.learners.map((row) => row.displayName)).toEqual(summary.learners.map((row) => row.displayName))
		expect(view.learners[0]!.lastActiveAt).toBe('2026-12-21')
		expect(view.overdue).toEqual(summary.overdue)
	})

	test('aggregate-only: totals and nothing about anyone', () => {
		const view = visibleSummary(summary, { individuals: false, totals: true })
		expect(view).toEqual({ counts: summary.counts, learners: [], overdue: null })
		expect(JSON.stringify(view)).not.toMatch(/Learner/)
	})

	test('a group under the minimum: nothing at all', () => {
		expect(visibleSummary(summary, { individuals: false, totals: false })).toEqual({ counts: null, learners: [], overdue: null })
	})
})
