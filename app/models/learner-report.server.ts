// One learner as their organisation sees them (/orgs/:org/learners/:learner): the groups they are
// in, each assigned course's progress and attempts, and the certificates the organisation may see
// (decision 015). Only for the individual view; the route checks that.
import type { Course } from '~/courses/read.server.ts'
import { certificateState } from '~/certificates/state.ts'
import { prisma } from '~/utils/db.server.ts'

/** The learner, if they are in one of the organisation's groups; null otherwise (a 404). */
export async function learnerReport(orgId: string, userId: string, courses: Map<string, Course>, now = new Date()) {
	const user = await prisma.user.findFirst({
		where: { id: userId, groupMemberships: { some: { group: { orgId } } } },
		select: {
			id: true,
			displayName: true,
			learner: { select: { id: true } },
			groupMemberships: { where: { group: { orgId } }, select: { group: { select: { id: true, name: true, assignments: { select: { id: true, courseSlug: true, dueAt: true }, orderBy: { createdAt: 'asc' } } } } } },
		},
	})
	if (!user) return null
	const slugs = [...new Set(user.groupMemberships.flatMap((membership) => membership.group.assignments.map((assignment) => assignment.courseSlug)))].filter((slug) => courses.has(slug))
	const learnerId = user.learner?.id ?? ''
	const [progress, attempts, certificates] = await Promise.all([
		prisma.lessonProgress.findMany({ where: { learnerId, courseSlug: { in: slugs } }, select: { courseSlug: true, lessonSlug: true, completedAt: true, updatedAt: true } }),
		prisma.quizAttempt.findMany({ where: { learnerId, courseSlug: { in: slugs }, submittedAt: { not: null } }, select: { id: true, courseSlug: true, submittedAt: true, score: true, maxScore: true, passed: true }, orderBy: { submittedAt: 'desc' } }),
		prisma.certificate.findMany({
			where: { userId, OR: [{ orgId }, { shares: { some: { orgId } } }] },
			select: { code: true, courseSlug: true, issuedAt: true, expiresAt: true, revokedAt: true, orgId: true },
			orderBy: { issuedAt: 'desc' },
		}),
	])
	const courseRows = slugs.map((slug) => {
		const course = courses.get(slug)!
		const lessons = new Set(course.lessons.map((lesson) => lesson.slug))
		const mine = progress.filter((row) => row.courseSlug === slug && lessons.has(row.lessonSlug))
		const tries = attempts.filter((attempt) => attempt.courseSlug === slug)
		const assignment = user.groupMemberships.flatMap((membership) => membership.group.assignments).find((assignment) => assignment.courseSlug === slug)
		const activity = [...mine.map((row) => row.updatedAt), ...tries.map((attempt) => attempt.submittedAt!)].sort((a, b) => b.getTime() - a.getTime())
		return {
			course,
			assignmentId: assignment?.id ?? null,
			dueAt: assignment?.dueAt ?? null,
			lessonsDone: mine.filter((row) => row.completedAt).length,
			lessonsTotal: course.lessons.length,
			lastActiveAt: activity[0] ?? null,
			attempts: tries.map((attempt) => ({ id: attempt.id, submittedAt: attempt.submittedAt!, percent: attempt.maxScore ? Math.round(((attempt.score ?? 0) / attempt.maxScore) * 100) : 0, passed: attempt.passed === true })),
		}
	})
	return {
		displayName: user.displayName,
		groups: user.groupMemberships.map((membership) => ({ id: membership.group.id, name: membership.group.name })),
		courses: courseRows,
		certificates: certificates.map((certificate) => ({ ...certificate, state: certificateState(certificate, now), earnedHere: certificate.orgId === orgId })),
	}
}
