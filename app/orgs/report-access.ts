// What an organisation may see about its learners (decision 015): pure policy, no data access.
import { REPORT_ROLES, type OrgRole } from './roles.ts'

export type ReportPolicy = { aggregateOnly: boolean; minReportGroupSize: number }

export type ReportAccess = {
	/** May this person see individual learners' rows (names, scores, certificates)? */
	individuals: boolean
	/** May they see the group's totals? Aggregate-only reports hide small groups entirely. */
	totals: boolean
}

/**
 * Owners administer certificates and always see individuals; administrators and report viewers do
 * unless the organisation chose aggregate-only reports, and then see totals only for groups of at
 * least `minReportGroupSize` learners, so a "total" can never single a person out. Learners see no reports.
 */
export function reportAccess(policy: ReportPolicy, role: OrgRole, groupSize: number): ReportAccess {
	if (!(REPORT_ROLES as readonly OrgRole[]).includes(role)) return { individuals: false, totals: false }
	if (role === 'owner' || !policy.aggregateOnly) return { individuals: true, totals: true }
	return { individuals: false, totals: groupSize >= policy.minReportGroupSize }
}
