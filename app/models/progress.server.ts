// Lesson completion: per learner, course and lesson — not per language, so switching language
// keeps progress. Completing twice changes nothing.
import { getCatalog } from '~/courses/catalog.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { recountLessons } from '~/models/learner-summary.server.ts'
import { completionStatements } from '~/xapi/statements.ts'
import { learnerWhere, type LearnerRef } from '~/models/learner-ref.server.ts'
import { queueStatements } from '~/models/xapi-outbox.server.ts'

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

/** Completes a lesson; the course's summary and its organisations' statements change with it. */
export async function completeLesson(learnerId: string, courseSlug: string, lessonSlug: string) {
	const now = new Date()
	const course = getCatalog().bySlug.get(courseSlug)
	await prisma.$transaction(async (tx) => {
		const row = await tx.lessonProgress.upsert({
			where: { learnerId_courseSlug_lessonSlug: { learnerId, courseSlug, lessonSlug } },
			create: { learnerId, courseSlug, lessonSlug, completedAt: now },
			// Changes nothing; non-empty, so a double click is one INSERT … ON CONFLICT, not a read
			// then an insert that fails on the unique key (PostgreSQL, decision 016).
			update: { lessonSlug },
			select: { completedAt: true },
		})
		await tx.learner.update({ where: { id: learnerId }, data: { lastActiveAt: now } })
		// Completed before: the summary already counts it, and there is nothing new to tell an
		// organisation's store (decision 022).
		if (row.completedAt?.getTime() !== now.getTime()) return
		if (!course) return
		await recountLessons(tx, learnerId, course, now)
		const lessons = course.lessons.map((lesson) => lesson.slug)
		const done = await tx.lessonProgress.count({ where: { learnerId, courseSlug, lessonSlug: { in: lessons }, completedAt: { not: null } } })
		await queueStatements(tx, learnerId, courseSlug, completionStatements(lessonSlug, done === lessons.length))
	})
}
