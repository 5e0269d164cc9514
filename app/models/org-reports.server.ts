// The reports an organisation reads about its learners (who may read what: ~/orgs/report-access.ts).
import { getItemStatistics } from '~/models/quiz.server.ts'
import { knowledgeGain } from '~/models/assessment.server.ts'
import type { Course } from '~/courses/read.server.ts'
import type { ReportPolicy } from '~/orgs/report-access.ts'
import { prisma } from '~/utils/db.server.ts'

/** Per question of the course's quiz, over the group's members' submitted attempts. */
export async function groupItemStatistics(groupId: string, course: Course) {
	if (!course.quiz) return []
	return getItemStatistics(course.quiz, course.slug, { user: { groupMemberships: { some: { groupId } } } })
}

/** For the learner's account page: each organisation they belong to and what it can see. */
export async function whatOrganisationsSee(userId: string) {
	const memberships = await prisma.membership.findMany({
		where: { userId },
		select: {
			role: true,
			org: { select: { name: true, kind: true, aggregateOnly: true, minReportGroupSize: true } },
		},
		orderBy: { createdAt: 'asc' },
	})
	return memberships.map(({ role, org }) => ({ name: org.name, kind: org.kind, role, aggregateOnly: org.aggregateOnly, minReportGroupSize: org.minReportGroupSize }))
}

/** Knowledge gain for a group (pre-test vs first attempt), shown as the aggregate-only rules allow. */
export async function groupKnowledgeGain(groupId: string, course: Course, policy: ReportPolicy) {
	if (!course.quiz || course.meta.pretest !== true) return null
	const gain = await knowledgeGain(course.slug, { user: { groupMemberships: { some: { groupId } } } })
	// A share over fewer people than the organisation's minimum could single someone out.
	const minimum = policy.aggregateOnly ? policy.minReportGroupSize : 1
	if (!gain) return { shown: false as const, minimum }
	return gain.learners >= minimum ? { shown: true as const, ...gain } : { shown: false as const, minimum }
}
