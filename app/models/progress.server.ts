// Lesson completion: per learner, course and lesson — not per language, so switching language
// keeps progress. Completing twice changes nothing.
import { prisma } from '~/utils/db.server.ts'
import { completionStatements } from '~/xapi/statements.ts'
import { learnerWhere, type LearnerRef } from './learner-ref.server.ts'
import { queueStatements } from './xapi-outbox.server.ts'

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

/** Completes a lesson (`courseLessons`: all of the course's lessons, to tell when it is done). */
export async function completeLesson(learnerId: string, courseSlug: string, lessonSlug: string, courseLessons: readonly string[]) {
	const now = new Date()
	await prisma.$transaction(async (tx) => {
		const row = await tx.lessonProgress.upsert({
			where: { learnerId_courseSlug_lessonSlug: { learnerId, courseSlug, lessonSlug } },
			create: { learnerId, courseSlug, lessonSlug, completedAt: now },
			update: {},
			select: { completedAt: true },
		})
		await tx.learner.update({ where: { id: learnerId }, data: { lastActiveAt: now } })
		// Completed before: nothing new to tell an organisation's store (decision 022).
		if (row.completedAt?.getTime() !== now.getTime()) return
		const done = await tx.lessonProgress.count({ where: { learnerId, courseSlug, lessonSlug: { in: [...courseLessons] }, completedAt: { not: null } } })
		await queueStatements(tx, learnerId, courseSlug, completionStatements(lessonSlug, done === courseLessons.length))
	})
}
