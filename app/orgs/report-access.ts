// What an organisation may see about its learners (decision 015): pure policy, no data access.
import type { OrgRole } from './roles.ts'

export type ReportPolicy = { aggregateOnly: boolean; minReportGroupSize: number }

export type ReportAccess = {
	/** May this person see individual learners' rows (names, scores, certificates)? */
	individuals: boolean
	/** May they see the group's totals? Aggregate-only reports hide small groups entirely. */
	totals: boolean
}

/**
 * Owners administer certificates and always see individuals; teachers/managers do unless the
 * organisation chose aggregate-only reports, and then see totals only for groups of at least
 * `minReportGroupSize` learners, so a "total" can never single a person out.
 */
export function reportAccess(policy: ReportPolicy, role: OrgRole, groupSize: number): ReportAccess {
	if (role === 'owner' || !policy.aggregateOnly) return { individuals: true, totals: true }
	return { individuals: false, totals: role === 'teacher' && groupSize >= policy.minReportGroupSize }
}
