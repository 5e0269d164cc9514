// What a teacher sees for a class or team: per assigned course, where each learner stands.
// Six queries whatever the group's size (assignments, members, learners, progress, best attempts,
// certificates), so a 2,000-learner group costs the same round trips as a class of 25. The
// per-learner queries select the group's members by a join, not by a list of ids: SQLite caps a
// statement's bound parameters (Prisma's P2029 at 2,000 learners, found by `npm run bench`).
import type { Course } from '~/courses/read.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { certificateState } from '~/certificates/state.ts'

export type LearnerStatus = 'not-started' | 'in-progress' | 'completed' | 'certified'

export type LearnerRow = {
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

export type CourseSummary = {
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

	const [progress, attempts, certificates] = await Promise.all([
		// Counted in SQL, one row per learner and course, and only over the lessons each course
		// has now (a removed lesson no longer counts): lessons completed, and the latest activity.
		prisma.lessonProgress.groupBy({
			by: ['learnerId', 'courseSlug'],
			where: {
				learner: { user: inGroup },
				OR: slugs.map((slug) => ({ courseSlug: slug, lessonSlug: { in: courses.get(slug)!.lessons.map((lesson) => lesson.slug) } })),
			},
			_count: { completedAt: true },
			_max: { updatedAt: true },
		}),
		prisma.quizAttempt.groupBy({
			by: ['learnerId', 'courseSlug'],
			where: { learner: { user: inGroup }, courseSlug: { in: slugs }, submittedAt: { not: null } },
			_max: { score: true, maxScore: true, submittedAt: true },
		}),
		prisma.certificate.findMany({
			// Only certificates the organisation may see (decision 015): earned for its assignments or shown to it.
			where: { user: inGroup, courseSlug: { in: slugs }, OR: [{ orgId: group.orgId }, { shares: { some: { orgId: group.orgId } } }] },
			select: { userId: true, courseSlug: true, issuedAt: true, expiresAt: true, revokedAt: true },
		}),
	])

	// Indexed once, so the rows below are looked up, not searched: linear in the group's size.
	const key = (owner: string, courseSlug: string) => `${owner}\u0000${courseSlug}`
	const lessons = new Map(progress.map((row) => [key(row.learnerId, row.courseSlug), row]))
	const bestAttempt = new Map(attempts.map((row) => [key(row.learnerId, row.courseSlug), row._max]))
	const certified = new Map(certificates.filter((row) => certificateState(row, now) === 'valid').map((row) => [key(row.userId!, row.courseSlug), row.issuedAt]))
	const latest = (...dates: (Date | null | undefined)[]) => dates.reduce<Date | null>((last, date) => (date && (!last || date > last) ? date : last), null)

	return assignments.map(({ id: assignmentId, courseSlug, dueAt }) => {
		const course = courses.get(courseSlug)!
		const learners = members.map((member): LearnerRow => {
			const learnerId = member.learner?.id ?? ''
			const studied = lessons.get(key(learnerId, courseSlug))
			const done = studied?._count.completedAt ?? 0
			const best = bestAttempt.get(key(learnerId, courseSlug))
			const certifiedAt = certified.get(key(member.id, courseSlug)) ?? null
			const hasCertificate = certifiedAt !== null
			const status: LearnerStatus = hasCertificate ? 'certified' : done === course.lessons.length ? 'completed' : done > 0 ? 'in-progress' : 'not-started'
			return {
				userId: member.id,
				displayName: member.displayName,
				lessonsDone: done,
				bestScore: best?.score ?? null,
				maxScore: best?.maxScore ?? null,
				lastActiveAt: latest(studied?._max.updatedAt, best?.submittedAt),
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
