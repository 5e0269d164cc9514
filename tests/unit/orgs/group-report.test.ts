import { describe, expect, test } from 'vitest'
import { pageOf, rowsOfPage, suppressCells, suppressedCounts, visibleItems, visibleSummary, type CourseView } from '~/orgs/group-report.ts'

const learner = (index: number, overdue = false) => ({ displayName: `Learner ${index}`, overdue, lastActiveAt: new Date(Date.UTC(2026, 10, index + 1, 12)), status: 'in-progress' })
const learners = Array.from({ length: 120 }, (_, index) => learner(index, index % 3 === 0))
const overdue = learners.filter((row) => row.overdue)
// As the database gives a page (group-dashboard.server.ts): its rows, the overdue count, the first overdue names.
const pageOfSummary = (page: string | null) => {
	const { limit, offset } = rowsOfPage(pageOf(page, learners.length))
	return { counts: { 'not-started': 10, 'in-progress': 110 }, overdue: { count: overdue.length, names: overdue.slice(0, 30).map((row) => row.displayName) }, rows: learners.slice(offset, offset + limit) }
}
const summary = pageOfSummary(null)

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

const released: CourseView = { kind: 'totals', minimum: 5, release: { released: true } }

describe('what a viewer sees', () => {
	test('individuals: the page’s rows, every overdue learner counted, names capped', () => {
		expect(rowsOfPage(pageOf('2', 120))).toEqual({ limit: 50, offset: 50 })
		const view = visibleSummary(pageOfSummary('2'), { kind: 'individuals' })
		expect(view.counts).toEqual(summary.counts)
		expect(view.learners.map((row) => row.displayName)).toEqual(learners.slice(50, 100).map((row) => row.displayName))
		expect(view.learners[0]!.lastActiveAt).toBe('2026-12-21')
		expect(view.overdue).toEqual({ count: 40, names: expect.arrayContaining(['Learner 0']) })
		expect(view.overdue!.names).toHaveLength(30)
	})

	test('aggregate-only: totals and nothing about anyone', () => {
		const view = visibleSummary(summary, released)
		expect(view).toEqual({ counts: summary.counts, withheld: null, learners: [], overdue: null })
		expect(JSON.stringify(view)).not.toMatch(/Learner/)
	})

	test('a course whose totals may not be released: nothing at all, and why', () => {
		const withheld: CourseView = { kind: 'totals', minimum: 5, release: { released: false, reason: 'fewRespondents' } }
		expect(visibleSummary(summary, withheld)).toEqual({ counts: null, withheld: 'fewRespondents', learners: [], overdue: null })
		expect(visibleSummary(summary, { kind: 'none' })).toEqual({ counts: null, withheld: null, learners: [], overdue: null })
	})

	test('aggregate-only: a small status count is hidden with a neighbour, so the group size does not give it back', () => {
		const view = visibleSummary({ counts: { 'not-started': 1, 'in-progress': 4, completed: 6, certified: 11 }, overdue: { count: 0, names: [] }, rows: [] }, released)
		expect(view.counts).toEqual({ 'not-started': null, 'in-progress': null, completed: 6, certified: 11 })
	})
})

/** Every hidden cell must be impossible to recover from the row and column totals that are shown. */
function recoverable(table: number[][], shown: (number | null)[][], totals: { rows: boolean; columns: boolean }) {
	const lines: [number, number][][] = []
	if (totals.rows) table.forEach((row, r) => lines.push(row.map((_, c) => [r, c])))
	if (totals.columns) table[0]!.forEach((_, c) => lines.push(table.map((_, r) => [r, c])))
	return lines.some((line) => line.filter(([r, c]) => shown[r]![c] === null).length === 1)
}

describe('complementary suppression', () => {
	test('a small cell alone in its row takes the next smallest with it', () => {
		expect(suppressCells([[3, 10, 12, 0]], 5, { rows: true, columns: false })).toEqual([[null, null, 12, 0]])
	})

	test('two small cells whose sum is still small take a third', () => {
		expect(suppressCells([[1, 1, 8, 9]], 5, { rows: true, columns: false })).toEqual([[null, null, null, 9]])
	})

	test('zeros and large counts are kept; a row with nothing small is untouched', () => {
		expect(suppressCells([[0, 7, 9, 0]], 5, { rows: true, columns: false })).toEqual([[0, 7, 9, 0]])
		expect(suppressedCounts({ a: 5, b: 0, c: 12 }, 5)).toEqual({ a: 5, b: 0, c: 12 })
	})

	test('with row and column totals known, no hidden cell is alone in any line', () => {
		const table = [
			[2, 8, 10],
			[7, 9, 6],
			[8, 1, 12],
		]
		const shown = suppressCells(table, 5, { rows: true, columns: true })
		expect(shown[0]![0]).toBeNull()
		expect(shown[2]![1]).toBeNull()
		expect(recoverable(table, shown, { rows: true, columns: true })).toBe(false)
	})

	test('random tables: every small cell hidden, never one hidden cell alone in a line', () => {
		let seed = 7
		const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
		for (let run = 0; run < 300; run++) {
			const columns = 2 + Math.floor(random() * 3)
			const table = Array.from({ length: 2 + Math.floor(random() * 3) }, () => Array.from({ length: columns }, () => Math.floor(random() * 12)))
			const totals = { rows: true, columns: random() < 0.5 }
			const shown = suppressCells(table, 5, totals)
			table.forEach((row, r) => row.forEach((value, c) => value > 0 && value < 5 && expect(shown[r]![c]).toBeNull()))
			expect(recoverable(table, shown, totals), JSON.stringify({ table, totals, shown })).toBe(false)
		}
	})
})

describe('item statistics under aggregate-only rules', () => {
	const item = (questionId: string, answered: number, right: number, wrong: { option: string; count: number } | null = null) => ({ questionId, answered, rightShare: answered ? right / answered : null, mostChosenWrong: wrong })

	test('a question answered by fewer than the minimum shows nothing; a small right or wrong count hides the share', () => {
		const items = [item('q1', 3, 3), item('q2', 6, 5, { option: 'b', count: 1 }), item('q3', 12, 6, { option: 'c', count: 5 }), item('q4', 10, 10)]
		expect(visibleItems(items, released)).toEqual([
			{ questionId: 'q1', answered: null, rightShare: null, mostChosenWrong: null },
			{ questionId: 'q2', answered: 6, rightShare: null, mostChosenWrong: null },
			{ questionId: 'q3', answered: 12, rightShare: 0.5, mostChosenWrong: { option: 'c', count: 5 } },
			{ questionId: 'q4', answered: 10, rightShare: 1, mostChosenWrong: null },
		])
	})

	test('a wrong option chosen by fewer than the minimum is not named', () => {
		expect(visibleItems([item('q1', 12, 5, { option: 'b', count: 4 })], released)[0]!.mostChosenWrong).toBeNull()
	})

	test('nothing when the course is withheld; everything in the individual view', () => {
		const items = [item('q1', 2, 1, { option: 'b', count: 1 })]
		expect(visibleItems(items, { kind: 'totals', minimum: 5, release: { released: false, reason: 'overlap' } })).toEqual([])
		expect(visibleItems(items, { kind: 'individuals' })).toEqual(items)
	})
})
