// Lesson completion: per learner, course and lesson — not per language, so switching language
// keeps progress. Completing twice changes nothing.
import { getCatalog } from '~/courses/catalog.server.ts'
import type { Course } from '~/courses/read.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { recountLessons } from './learner-summary.server.ts'

/** Completed lesson slugs per course for one learner (one query). */
export async function getCompletedLessons(learnerId: string | null, courseSlug?: string): Promise<Map<string, Set<string>>> {
	const byCourse = new Map<string, Set<string>>()
	if (!learnerId) return byCourse
	const rows = await prisma.lessonProgress.findMany({
		where: { learnerId, courseSlug, completedAt: { not: null } },
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
	const course = getCatalog().bySlug.get(courseSlug)
	await prisma.$transaction(async (tx) => {
		await tx.lessonProgress.upsert({
			where: { learnerId_courseSlug_lessonSlug: { learnerId, courseSlug, lessonSlug } },
			create: { learnerId, courseSlug, lessonSlug, completedAt: now },
			update: {},
		})
		await tx.learner.update({ where: { id: learnerId }, data: { lastActiveAt: now } })
		if (course) await recountLessons(tx, learnerId, course)
	})
}

export type CourseProgress = { done: number; total: number; nextLesson: string | null; completed: boolean }

/**
 * Progress counts only the lessons the course has now: when a new content version adds a lesson,
 * learners who finished the old version have one more to read; a removed lesson stops counting.
 */
export function courseProgress(course: Course, completed: Set<string> | undefined): CourseProgress {
	const done = course.lessons.filter((lesson) => completed?.has(lesson.slug)).length
	const next = course.lessons.find((lesson) => !completed?.has(lesson.slug))
	return { done, total: course.lessons.length, nextLesson: next?.slug ?? null, completed: done === course.lessons.length }
}
