import { describe, expect, test } from 'vitest'
import { reportAccess } from '~/orgs/report-access.ts'
import { MANAGE_ROLES, mayManage, ORG_ROLES, OWNER_ROLES, REPORT_ROLES } from '~/orgs/roles.ts'

describe('roles (decision 020)', () => {
	test('each capability list is a subset of the next: owner ⊂ manage ⊂ report; learners have none', () => {
		expect(OWNER_ROLES.every((role) => (MANAGE_ROLES as readonly string[]).includes(role))).toBe(true)
		expect(MANAGE_ROLES.every((role) => (REPORT_ROLES as readonly string[]).includes(role))).toBe(true)
		expect(ORG_ROLES.filter(mayManage)).toEqual(['owner', 'admin'])
		expect((REPORT_ROLES as readonly string[]).includes('learner')).toBe(false)
	})

	test('report access: viewers and administrators see totals only under aggregate-only (small groups: report-access.test.ts); learners nothing', () => {
		const open = { aggregateOnly: false, minReportGroupSize: 5 }
		const closed = { aggregateOnly: true, minReportGroupSize: 5 }
		for (const role of ['admin', 'viewer'] as const) {
			expect(reportAccess(open, role)).toEqual({ individuals: true, totals: true })
			expect(reportAccess(closed, role)).toEqual({ individuals: false, totals: true })
		}
		expect(reportAccess(closed, 'owner')).toEqual({ individuals: true, totals: true })
		expect(reportAccess(open, 'learner')).toEqual({ individuals: false, totals: false })
	})
})
