// Where each learner stands in each course (LearnerCourseSummary), kept current in the same
// transaction as every write that changes it: a lesson done, an attempt submitted, a certificate
// issued or revoked, a guest's progress merged. A dashboard then reads one row per learner it
// shows and counts statuses with an index, so its cost follows the page, not the size of the
// organisation (decision 012). Through Prisma, and plain SQL that reads the same on PostgreSQL.
import type { Prisma } from '~/generated/prisma/client.ts'
import type { Course } from '~/courses/read.server.ts'

type Db = Prisma.TransactionClient

/** Stored for a certificate that never expires: "valid until" compares as a date, always later. */
export const NEVER_EXPIRES = new Date('9999-12-31T00:00:00.000Z')

/** SQLite caps bound parameters; Prisma adds a few per chunk. */
const CHUNK = 400

function chunks<T>(items: T[]): T[][] {
	const result: T[][] = []
	for (let index = 0; index < items.length; index += CHUNK) result.push(items.slice(index, index + CHUNK))
	return result
}

/** After a lesson is completed (`at`): the learner's count of the course's current lessons, stored and returned. */
export async function recountLessons(db: Db, learnerId: string, course: Course, at: Date): Promise<number> {
	// Counted here rather than by the database: with completedAt in the WHERE, SQLite reads the
	// whole course's completions through the wrong index (completedOnly in progress.server.ts says why).
	const current = new Set(course.lessons.map((lesson) => lesson.slug))
	const rows = await db.lessonProgress.findMany({ where: { learnerId, courseSlug: course.slug }, select: { lessonSlug: true, completedAt: true } })
	const lessonsDone = rows.filter((row) => row.completedAt !== null && current.has(row.lessonSlug)).length
	await db.learnerCourseSummary.upsert({
		where: { learnerId_courseSlug: { learnerId, courseSlug: course.slug } },
		create: { learnerId, courseSlug: course.slug, lessonsDone, lastActiveAt: at },
		update: { lessonsDone, lastActiveAt: at },
	})
	return lessonsDone
}

/**
 * After an attempt is stored (submitted `at`): its score joins the best so far, in one statement
 * (Prisma needed a read and an upsert, on every quiz submission). The CASEs keep the higher score
 * and the later activity, and read the same on SQLite and PostgreSQL; SQLite compares the stored
 * dates as text, which orders them, all being written in one UTC format.
 */
export async function recordScore(db: Db, learnerId: string, courseSlug: string, score: number, maxScore: number, at: Date) {
	// An answer sheet kept offline arrives later than it was submitted: the latest activity stays the latest.
	await db.$executeRaw`
		INSERT INTO "LearnerCourseSummary" ("learnerId", "courseSlug", "lessonsDone", "bestScore", "maxScore", "lastActiveAt", "updatedAt")
		VALUES (${learnerId}, ${courseSlug}, ${0}, ${score}, ${maxScore}, ${at}, ${new Date()})
		ON CONFLICT ("learnerId", "courseSlug") DO UPDATE SET
			"bestScore" = CASE WHEN "LearnerCourseSummary"."bestScore" IS NULL OR "LearnerCourseSummary"."bestScore" < excluded."bestScore" THEN excluded."bestScore" ELSE "LearnerCourseSummary"."bestScore" END,
			"maxScore" = CASE WHEN "LearnerCourseSummary"."maxScore" IS NULL OR "LearnerCourseSummary"."maxScore" < excluded."maxScore" THEN excluded."maxScore" ELSE "LearnerCourseSummary"."maxScore" END,
			"lastActiveAt" = CASE WHEN "LearnerCourseSummary"."lastActiveAt" IS NULL OR "LearnerCourseSummary"."lastActiveAt" < excluded."lastActiveAt" THEN excluded."lastActiveAt" ELSE "LearnerCourseSummary"."lastActiveAt" END,
			"updatedAt" = excluded."updatedAt"`
}

/** After a certificate is issued or revoked: until when the holder's certificates make them certified. */
export async function recountCertificates(db: Db, userId: string, courseSlug: string) {
	const learner = await db.learner.findUnique({ where: { userId }, select: { id: true } })
	if (!learner) return
	const certificates = await db.certificate.findMany({ where: { userId, courseSlug, revokedAt: null }, select: { expiresAt: true } })
	const certifiedUntil = certificates.length === 0 ? null : new Date(Math.max(...certificates.map((row) => (row.expiresAt ?? NEVER_EXPIRES).getTime())))
	await db.learnerCourseSummary.upsert({
		where: { learnerId_courseSlug: { learnerId: learner.id, courseSlug } },
		create: { learnerId: learner.id, courseSlug, certifiedUntil },
		update: { certifiedUntil },
	})
}

/**
 * Every summary of these learners, recomputed from their progress, attempts and certificates:
 * for writes in bulk (a guest merged into an account, the seed, tests' factories) and for
 * start-up after a course's lessons changed. Lessons count only if `courses` has them now.
 */
export async function rebuildSummaries(db: Db, learnerIds: string[], courses: Map<string, Course>) {
	for (const ids of chunks([...new Set(learnerIds)])) {
		const [progress, attempts, learners] = await Promise.all([
			db.lessonProgress.groupBy({ by: ['learnerId', 'courseSlug', 'lessonSlug'], where: { learnerId: { in: ids }, completedAt: { not: null } }, _max: { completedAt: true } }),
			db.quizAttempt.groupBy({ by: ['learnerId', 'courseSlug'], where: { learnerId: { in: ids }, submittedAt: { not: null } }, _max: { score: true, maxScore: true, submittedAt: true } }),
			db.learner.findMany({ where: { id: { in: ids }, userId: { not: null } }, select: { id: true, userId: true } }),
		])
		const learnerOfUser = new Map(learners.map((learner) => [learner.userId!, learner.id]))
		const certificates = await db.certificate.findMany({
			where: { userId: { in: [...learnerOfUser.keys()] }, revokedAt: null },
			select: { userId: true, courseSlug: true, expiresAt: true },
		})
		type Row = { learnerId: string; courseSlug: string; lessonsDone: number; bestScore: number | null; maxScore: number | null; certifiedUntil: Date | null; lastActiveAt: Date | null }
		const rows = new Map<string, Row>()
		const row = (learnerId: string, courseSlug: string) => {
			const key = `${learnerId}\0${courseSlug}`
			let found = rows.get(key)
			if (!found) rows.set(key, (found = { learnerId, courseSlug, lessonsDone: 0, bestScore: null, maxScore: null, certifiedUntil: null, lastActiveAt: null }))
			return found
		}
		const active = (target: Row, at: Date | null) => {
			if (at && (!target.lastActiveAt || at > target.lastActiveAt)) target.lastActiveAt = at
		}
		const lessonSets = new Map([...courses.values()].map((course) => [course.slug, new Set(course.lessons.map((lesson) => lesson.slug))]))
		for (const entry of progress) {
			if (!lessonSets.get(entry.courseSlug)?.has(entry.lessonSlug)) continue
			const target = row(entry.learnerId, entry.courseSlug)
			target.lessonsDone++
			active(target, entry._max.completedAt)
		}
		for (const entry of attempts) {
			const target = Object.assign(row(entry.learnerId, entry.courseSlug), { bestScore: entry._max.score, maxScore: entry._max.maxScore })
			active(target, entry._max.submittedAt)
		}
		for (const certificate of certificates) {
			const target = row(learnerOfUser.get(certificate.userId!)!, certificate.courseSlug)
			const until = certificate.expiresAt ?? NEVER_EXPIRES
			if (!target.certifiedUntil || until > target.certifiedUntil) target.certifiedUntil = until
		}
		await db.learnerCourseSummary.deleteMany({ where: { learnerId: { in: ids } } })
		await db.learnerCourseSummary.createMany({ data: [...rows.values()] })
	}
}

/**
 * At start: recounts lessonsDone for each course whose lesson list differs from the one its
 * summaries were counted against (a new content version added or removed a lesson), then
 * records the list. A course whose lessons did not change costs one read.
 */
export async function reconcileSummaries(db: Db, courses: Course[]): Promise<string[]> {
	const bases = new Map((await db.courseSummaryBasis.findMany()).map((basis) => [basis.courseSlug, basis.lessons]))
	const changed: string[] = []
	for (const course of courses) {
		const lessons = course.lessons.map((lesson) => lesson.slug).join('\n')
		if (bases.get(course.slug) === lessons) continue
		const slugs = course.lessons.map((lesson) => lesson.slug)
		const counts = await db.lessonProgress.groupBy({
			by: ['learnerId'],
			where: { courseSlug: course.slug, completedAt: { not: null }, lessonSlug: { in: slugs } },
			_count: { _all: true },
		})
		await db.learnerCourseSummary.updateMany({ where: { courseSlug: course.slug }, data: { lessonsDone: 0 } })
		// Learners with the same count are updated together: a handful of statements per course.
		const byCount = new Map<number, string[]>()
		for (const entry of counts) byCount.set(entry._count._all, [...(byCount.get(entry._count._all) ?? []), entry.learnerId])
		for (const [lessonsDone, learnerIds] of byCount) {
			for (const ids of chunks(learnerIds)) {
				const existing = new Set(
					(await db.learnerCourseSummary.findMany({ where: { courseSlug: course.slug, learnerId: { in: ids } }, select: { learnerId: true } })).map((entry) => entry.learnerId),
				)
				await db.learnerCourseSummary.updateMany({ where: { courseSlug: course.slug, learnerId: { in: ids } }, data: { lessonsDone } })
				const missing = ids.filter((id) => !existing.has(id))
				if (missing.length) await db.learnerCourseSummary.createMany({ data: missing.map((learnerId) => ({ learnerId, courseSlug: course.slug, lessonsDone })) })
			}
		}
		await db.courseSummaryBasis.upsert({ where: { courseSlug: course.slug }, create: { courseSlug: course.slug, lessons }, update: { lessons } })
		changed.push(course.slug)
	}
	return changed
}
