import { describe, expect, test } from 'vitest'
import { canPublish, courseRelease, reportAccess, reportedRespondents, tooClose, type Counted } from '~/orgs/report-access.ts'

const people = (prefix: string, count: number, controlled = false): Counted[] => Array.from({ length: count }, (_, index) => ({ userId: `${prefix}${index}`, controlled }))
const target: Counted = { userId: 'target', controlled: false }
const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 9, minutes))

describe('who sees what', () => {
	test('owners always see individuals; staff unless aggregate-only; then totals only', () => {
		const open = { aggregateOnly: false, minReportGroupSize: 5 }
		const closed = { aggregateOnly: true, minReportGroupSize: 5 }
		expect(reportAccess(closed, 'owner')).toEqual({ individuals: true, totals: true })
		expect(reportAccess(open, 'viewer')).toEqual({ individuals: true, totals: true })
		expect(reportAccess(closed, 'admin')).toEqual({ individuals: false, totals: true })
		expect(reportAccess(closed, 'learner')).toEqual({ individuals: false, totals: false })
	})
})

describe('the minimum counts respondents, and only those staff cannot know', () => {
	test('five people, or none of them independent, may be shown; four dummies and one person may not', () => {
		expect(canPublish(people('p', 5), 5)).toBe(true)
		expect(canPublish(people('p', 4), 5)).toBe(false)
		expect(canPublish([...people('dummy', 4, true), target], 5)).toBe(false)
		expect(canPublish([...people('dummy', 20, true), target], 5)).toBe(false)
		expect(canPublish(people('pupil', 5, true), 5)).toBe(true)
		expect(canPublish([...people('pupil', 3, true), ...people('p', 5)], 5)).toBe(true)
	})

	test('respondents are counted in whole batches of the minimum, earliest first', () => {
		const respondents = Array.from({ length: 7 }, (_, index) => ({ userId: `p${index}`, controlled: false, submittedAt: at(10 - index) }))
		const reported = reportedRespondents(respondents, 5)
		expect(reported.map((respondent) => respondent.userId)).toEqual(['p6', 'p5', 'p4', 'p3', 'p2'])
		// One more answer changes nothing until five more have come.
		expect(reportedRespondents([...respondents, { userId: 'late', controlled: false, submittedAt: at(30) }], 5)).toEqual(reported)
		expect(reportedRespondents(respondents.slice(0, 4), 5)).toEqual([])
	})
})

describe('two groups that differ by a few people', () => {
	test('too close when they differ by 1 to minimum - 1 people; identical or far apart is fine', () => {
		const base = people('p', 6)
		expect(tooClose(base, [...base, target], 5)).toBe(true)
		expect(tooClose(base, base.slice(1), 5)).toBe(true)
		expect(tooClose(base, [...base], 5)).toBe(false)
		expect(tooClose(base, people('q', 6), 5)).toBe(false)
	})

	test('both of such a pair are withheld; a group only another withheld group is close to is shown', () => {
		const base = people('p', 6)
		const group = (groupId: string, members: Counted[]) => ({ groupId, members, reported: members })
		const a = group('a', base)
		const b = group('b', [...base, target])
		expect(courseRelease(a, [a, b], 5)).toEqual({ released: false, reason: 'overlap' })
		expect(courseRelease(b, [a, b], 5)).toEqual({ released: false, reason: 'overlap' })
		const small = group('c', [...base.slice(0, 3), target])
		expect(courseRelease(a, [a, small], 5)).toEqual({ released: true })
		expect(courseRelease(small, [a, small], 5)).toEqual({ released: false, reason: 'fewRespondents' })
	})

	test('members count too: the respondents may pass while the team is four dummies and one person', () => {
		const members = [...people('dummy', 4, true), target, ...people('pupil', 5, true)]
		const reported = people('pupil', 5, true)
		expect(courseRelease({ groupId: 'a', members, reported }, [], 5)).toEqual({ released: false, reason: 'fewRespondents' })
	})
})
