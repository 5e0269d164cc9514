// What a teacher sees for a class or team: per assigned course, where each learner stands.
// Five queries whatever the group's size (assignments, members, learners, the learners' course
// summaries, the certificates the organisation may see), so a 2,000-learner group costs the same
// round trips as a class of 25, and one summary row per learner and course instead of their
// lessons and attempts (issue 18: 24 ms of SQLite and Prisma for a 500-learner group's lessons
// alone). The per-learner queries select the group's members by a join, not by a list of ids:
// SQLite caps a statement's bound parameters (Prisma's P2029 at 2,000 learners).
import type { Course } from '~/courses/read.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { certificateState } from '~/certificates/state.ts'

type LearnerStatus = 'not-started' | 'in-progress' | 'completed' | 'certified'

type LearnerRow = {
	userId: string
	displayName: string
	lessonsDone: number
	bestScore: number | null
	maxScore: number | null
	/** The latest lesson or quiz activity on this course; null for someone who never started it. */
	lastActiveAt: Date | null
	/** When the certificate the organisation may see was issued, while it is valid. */
	certifiedAt: Date | null
	status: LearnerStatus
	overdue: boolean
}

type CourseSummary = {
	assignmentId: string
	courseSlug: string
	dueAt: Date | null
	counts: Record<LearnerStatus, number>
	learners: LearnerRow[]
}

export async function groupDashboard(groupId: string, courses: Map<string, Course>, now = new Date()): Promise<CourseSummary[]> {
	const inGroup = { groupMemberships: { some: { groupId } } }
	// Members and their learners in two flat queries: nested selects cost Prisma several times
	// as much for a 2,000-learner group (measured with `npm run bench`).
	const [group, users, learnerRows] = await Promise.all([
		prisma.group.findUniqueOrThrow({
			where: { id: groupId },
			select: { orgId: true, assignments: { select: { id: true, courseSlug: true, dueAt: true }, orderBy: { createdAt: 'asc' } } },
		}),
		prisma.user.findMany({ where: inGroup, select: { id: true, displayName: true }, orderBy: [{ displayName: 'asc' }, { id: 'asc' }] }),
		prisma.learner.findMany({ where: { user: inGroup }, select: { id: true, userId: true } }),
	])
	const assignments = group.assignments.filter((assignment) => courses.has(assignment.courseSlug))
	const slugs = assignments.map((assignment) => assignment.courseSlug)
	const learnerOf = new Map(learnerRows.map((learner) => [learner.userId, learner]))
	const members = users.map((user) => ({ ...user, learner: learnerOf.get(user.id) ?? null }))

	const [summaries, certificates] = await Promise.all([
		// One row per learner and course, kept current with every write (learner-summary.server.ts):
		// lessons done among the course's current lessons, the best score, the latest activity.
		prisma.learnerCourseSummary.findMany({
			where: { learner: { user: inGroup }, courseSlug: { in: slugs } },
			select: { learnerId: true, courseSlug: true, lessonsDone: true, bestScore: true, maxScore: true, lastActiveAt: true },
		}),
		prisma.certificate.findMany({
			// Only certificates the organisation may see (decision 015): earned for its assignments or
			// shown to it. So not the summary's certifiedUntil, which counts them from anywhere.
			where: { user: inGroup, courseSlug: { in: slugs }, OR: [{ orgId: group.orgId }, { shares: { some: { orgId: group.orgId } } }] },
			select: { userId: true, courseSlug: true, issuedAt: true, expiresAt: true, revokedAt: true },
		}),
	])

	// Indexed once, so the rows below are looked up, not searched: linear in the group's size.
	const key = (owner: string, courseSlug: string) => `${owner}\u0000${courseSlug}`
	const summaryOf = new Map(summaries.map((row) => [key(row.learnerId, row.courseSlug), row]))
	const certified = new Map(certificates.filter((row) => certificateState(row, now) === 'valid').map((row) => [key(row.userId!, row.courseSlug), row.issuedAt]))

	return assignments.map(({ id: assignmentId, courseSlug, dueAt }) => {
		const course = courses.get(courseSlug)!
		const learners = members.map((member): LearnerRow => {
			const learnerId = member.learner?.id ?? ''
			const summary = summaryOf.get(key(learnerId, courseSlug))
			const done = summary?.lessonsDone ?? 0
			const certifiedAt = certified.get(key(member.id, courseSlug)) ?? null
			const hasCertificate = certifiedAt !== null
			const status: LearnerStatus = hasCertificate ? 'certified' : done >= course.lessons.length ? 'completed' : done > 0 ? 'in-progress' : 'not-started'
			return {
				userId: member.id,
				displayName: member.displayName,
				lessonsDone: done,
				bestScore: summary?.bestScore ?? null,
				maxScore: summary?.maxScore ?? null,
				lastActiveAt: summary?.lastActiveAt ?? null,
				certifiedAt,
				status,
				overdue: dueAt !== null && dueAt < now && status !== 'certified' && status !== 'completed',
			}
		})
		const counts = { 'not-started': 0, 'in-progress': 0, completed: 0, certified: 0 }
		for (const learner of learners) counts[learner.status]++
		return { assignmentId, courseSlug, dueAt, counts, learners }
	})
}
