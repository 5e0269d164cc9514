// Where someone lands after signing in when no page asked for them (issue 21): a passed course's
// certificate form first (decision 008), then staff on their organisation (or the list of them,
// if several), learners on the course they were last in, else on their first unfinished
// assignment, else on the catalogue.
import { getCatalog } from '~/courses/catalog.server.ts'
import { courseProgress } from '~/courses/progress.ts'
import { prisma } from '~/utils/db.server.ts'
import { landingAfterSignIn } from '~/models/assessment.server.ts'
import { assignmentsFor, myOrganisations } from '~/models/organisation.server.ts'

export async function landingFor(userId: string): Promise<string> {
	const certificateToClaim = await landingAfterSignIn(userId, '')
	if (certificateToClaim) return certificateToClaim
	const staffOf = await myOrganisations(userId)
	if (staffOf.length === 1) return `/orgs/${staffOf[0]!.org.slug}`
	if (staffOf.length > 1) return '/orgs'

	const rows = await prisma.lessonProgress.findMany({
		where: { learner: { userId }, completedAt: { not: null } },
		select: { courseSlug: true, lessonSlug: true, completedAt: true },
		orderBy: { completedAt: 'desc' },
	})
	const completed = new Map<string, Set<string>>()
	for (const row of rows) completed.set(row.courseSlug, (completed.get(row.courseSlug) ?? new Set()).add(row.lessonSlug))
	const unfinished = (slug: string) => {
		const course = getCatalog().bySlug.get(slug)
		return course !== undefined && !courseProgress(course, completed.get(slug)).completed
	}
	// Rows come newest first: the first unfinished course is the one they were last in.
	const lastIn = rows.find((row) => unfinished(row.courseSlug))
	if (lastIn) return `/courses/${lastIn.courseSlug}`
	const assigned = (await assignmentsFor(userId)).find((assignment) => unfinished(assignment.courseSlug))
	return assigned ? `/courses/${assigned.courseSlug}` : '/courses'
}
