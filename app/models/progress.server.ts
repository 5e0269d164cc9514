// Lesson completion: per learner, course and lesson — not per language, so switching language
// keeps progress. Completing twice changes nothing.
import { getCatalog } from '~/courses/catalog.server.ts'
import { Prisma } from '~/generated/prisma/client.ts'
import { prisma } from '~/utils/db.server.ts'
import { recountLessons } from '~/models/learner-summary.server.ts'
import { completionStatements } from '~/xapi/statements.ts'
import type { LearnerRef } from '~/models/learner-ref.server.ts'
import { queueStatements } from '~/models/xapi-outbox.server.ts'

/**
 * One learner's rows, completed ones only. The filter is not in the query because SQLite, which
 * has no statistics (no ANALYZE), reads `learnerId = ? AND courseSlug = ? AND completedAt IS NOT
 * NULL` through the (courseSlug, completedAt) index: every completion of the course by everyone
 * (80 ms at 20,000 learners) instead of this learner's handful through the unique key.
 */
export function completedOnly<T extends { completedAt: Date | string | null }>(rows: T[]): T[] {
	return rows.filter((row) => row.completedAt !== null)
}

/** Completed lesson slugs per course for one learner (one query). */
export async function getCompletedLessons(learner: LearnerRef | null, courseSlug?: string): Promise<Map<string, Set<string>>> {
	const byCourse = new Map<string, Set<string>>()
	if (!learner) return byCourse
	// Not-yet-completed rows are skipped here, not in the WHERE: see completedOnly. Plain SQL, as
	// every signed-in lesson page and quiz submission asks: Prisma's findMany cost about 0.1 ms of
	// CPU more than this (its query compiler), for the same statement.
	const learnerIs = 'learnerId' in learner ? Prisma.sql`${learner.learnerId}` : Prisma.sql`(SELECT l."id" FROM "Learner" l WHERE l."userId" = ${learner.userId})`
	const rows = await prisma.$queryRaw<{ courseSlug: string; lessonSlug: string; completedAt: Date | string | null }[]>`
		SELECT p."courseSlug", p."lessonSlug", p."completedAt" FROM "LessonProgress" p
		WHERE p."learnerId" = ${learnerIs}${courseSlug === undefined ? Prisma.empty : Prisma.sql` AND p."courseSlug" = ${courseSlug}`}`
	for (const row of completedOnly(rows)) {
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
		const done = await recountLessons(tx, learnerId, course, now)
		await queueStatements(tx, learnerId, courseSlug, completionStatements(lessonSlug, done === course.lessons.length))
	})
}
