// Lesson completion: per learner, course and lesson — not per language, so switching language
// keeps progress. Completing twice changes nothing.
import { prisma } from '~/utils/db.server.ts'
import { learnerWhere, type LearnerRef } from './learner-ref.server.ts'

/** Completed lesson slugs per course for one learner (one query). */
export async function getCompletedLessons(learner: LearnerRef | null, courseSlug?: string): Promise<Map<string, Set<string>>> {
	const byCourse = new Map<string, Set<string>>()
	if (!learner) return byCourse
	const rows = await prisma.lessonProgress.findMany({
		where: { ...learnerWhere(learner), courseSlug, completedAt: { not: null } },
		select: { courseSlug: true, lessonSlug: true },
	})
	for (const row of rows) {
		const set = byCourse.get(row.courseSlug) ?? new Set<string>()
		set.add(row.lessonSlug)
		byCourse.set(row.courseSlug, set)
	}
	return byCourse
}

export async function completeLesson(learnerId: string, courseSlug: string, lessonSlug: string) {
	const now = new Date()
	await prisma.$transaction([
		prisma.lessonProgress.upsert({
			where: { learnerId_courseSlug_lessonSlug: { learnerId, courseSlug, lessonSlug } },
			create: { learnerId, courseSlug, lessonSlug, completedAt: now },
			update: {},
		}),
		prisma.learner.update({ where: { id: learnerId }, data: { lastActiveAt: now } }),
	])
}
