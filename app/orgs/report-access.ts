// What an organisation may see about its learners (decision 015): pure policy, no data access.
import { REPORT_ROLES, type OrgRole } from '~/orgs/roles.ts'

export type ReportPolicy = { aggregateOnly: boolean; minReportGroupSize: number }

export type ReportAccess = {
	/** May this person see individual learners' rows (names, scores, certificates)? */
	individuals: boolean
	/** May they see totals at all? Under aggregate-only each course's totals still need `courseRelease`. */
	totals: boolean
}

/**
 * Owners administer certificates and always see individuals; administrators and report viewers do
 * unless the organisation chose aggregate-only reports, and then see totals only, course by
 * course, when `courseRelease` allows them. Learners see no reports.
 */
export function reportAccess(policy: ReportPolicy, role: OrgRole): ReportAccess {
	if (!(REPORT_ROLES as readonly OrgRole[]).includes(role)) return { individuals: false, totals: false }
	if (role === 'owner' || !policy.aggregateOnly) return { individuals: true, totals: true }
	return { individuals: false, totals: true }
}

/**
 * Someone counted in a report. `controlled`: an account whose answers the organisation's staff
 * can know anyway — a pupil account it made (staff hold or reset its PIN) or one of its staff.
 * A team of such accounts plus one real person would otherwise be that person's answers.
 */
export type Counted = { userId: string; controlled: boolean }

/** A respondent: a member of the group with a submitted attempt on the course, counted once (at their first). */
export type Respondent = Counted & { submittedAt: Date }

/**
 * Whose answers an aggregate report counts: the earliest respondents, in whole batches of the
 * minimum. One more person answering does not change the numbers until `minimum` more have, so
 * reading the report before and after someone answers does not give away their answers.
 */
export function reportedRespondents<R extends Respondent>(respondents: readonly R[], minimum: number): R[] {
	const sorted = [...respondents].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.userId.localeCompare(b.userId))
	return sorted.slice(0, Math.floor(sorted.length / minimum) * minimum)
}

/**
 * May totals over these people be shown? At least `minimum` of them, and the people whose answers
 * staff cannot know (not `controlled`) either none or at least `minimum`: four dummy accounts and
 * one real person are one person.
 */
export function canPublish(people: readonly Counted[], minimum: number): boolean {
	const independent = people.filter((person) => !person.controlled).length
	return people.length >= minimum && (independent === 0 || independent >= minimum)
}

/**
 * Do two groups differ by so few people that subtracting one's totals from the other's would give
 * those people's answers? (Identical groups give nothing away.)
 */
export function tooClose(a: readonly Counted[], b: readonly Counted[], minimum: number): boolean {
	const inA = new Set(a.map((person) => person.userId))
	const inB = new Set(b.map((person) => person.userId))
	let difference = 0
	for (const id of inA) if (!inB.has(id)) difference++
	for (const id of inB) if (!inA.has(id)) difference++
	return difference > 0 && difference < minimum
}

type GroupPopulation = { groupId: string; members: readonly Counted[]; reported: readonly Counted[] }

export type CourseRelease = { released: true } | { released: false; reason: 'fewRespondents' | 'overlap' }

/**
 * May one group's totals for a course be shown under aggregate-only reports? Its reported
 * respondents and its members must each pass `canPublish`, and no other group of the organisation
 * that passes too may differ from it by fewer than `minimum` members or respondents (two teams
 * that differ by one person are that person). Both of such a pair stay hidden: which was made
 * for the subtraction cannot be told.
 */
export function courseRelease(group: GroupPopulation, others: readonly GroupPopulation[], minimum: number): CourseRelease {
	const publishable = (candidate: GroupPopulation) => canPublish(candidate.reported, minimum) && canPublish(candidate.members, minimum)
	if (!publishable(group)) return { released: false, reason: 'fewRespondents' }
	const close = others.some(
		(other) => other.groupId !== group.groupId && publishable(other) && (tooClose(group.members, other.members, minimum) || tooClose(group.reported, other.reported, minimum)),
	)
	return close ? { released: false, reason: 'overlap' } : { released: true }
}
