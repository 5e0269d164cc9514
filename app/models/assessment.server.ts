// What the assessment rules read and write beyond a graded attempt: a learner's attempt history
// (for the draw, the retake policy and the key), the ungraded pre-test, and knowledge gain per
// group (docs/decisions/008-quizzes.md).
import { getCatalog } from '~/courses/catalog.server.ts'
import type { Course } from '~/courses/read.server.ts'
import type { QuizDefinition } from '~/courses/schema.ts'
import { createAttemptToken, newSeed, type AttemptPurpose } from '~/quiz/attempt-token.server.ts'
import { drawLayout } from '~/quiz/draw.ts'
import { findCurrentCertificate } from '~/models/certificate.server.ts'
import type { Grade, Layout } from '~/quiz/grading.ts'
import { learnerWhere, type LearnerRef } from '~/models/learner-ref.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { rawDate, type RawDate, type RawNumber } from '~/utils/raw-values.server.ts'

type AttemptHistoryEntry = { id: string; token: string; passed: boolean; submittedAt: Date; questionIds: string[] }

type AttemptRow = { id: string; token: string; passed: boolean | RawNumber | null; submittedAt: RawDate | null; layout: string }

const questionIdsOf = (layout: string) => (JSON.parse(layout) as Layout).map((entry) => entry.questionId)

/** The learner's submitted attempts at the course's current version, oldest first. */
export async function attemptHistory(learnerId: string | null, course: Course): Promise<AttemptHistoryEntry[]> {
	if (!learnerId) return []
	// Filtered and ordered here, not by the database: with submittedAt in the WHERE or the ORDER BY,
	// SQLite (no statistics) walks the (courseSlug, submittedAt) index, every attempt at the course
	// by anyone (18 ms at 20,000 learners), instead of this learner's few by (learnerId, courseSlug).
	// Plain SQL, as every quiz page and submission asks: Prisma's findMany cost about as much CPU
	// again as the statement itself (its query compiler and result mapping).
	const rows = await prisma.$queryRaw<AttemptRow[]>`
		SELECT a."id", a."token", a."passed", a."submittedAt", a."layout" FROM "QuizAttempt" a
		WHERE a."learnerId" = ${learnerId} AND a."courseSlug" = ${course.slug} AND a."courseVersion" = ${course.meta.version}`
	return rows
		.flatMap((row) =>
			row.submittedAt === null
				? []
				: [
						{
							id: row.id,
							token: row.token,
							passed: Boolean(row.passed),
							submittedAt: rawDate(row.submittedAt),
							questionIds: questionIdsOf(row.layout),
						},
					],
		)
		.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime())
}

/** The questions the learner saw last (their latest attempt, else their pre-test): the next draw avoids them. */
async function lastShownQuestions(learnerId: string | null, course: Course, history: AttemptHistoryEntry[]): Promise<string[]> {
	const last = history.at(-1)
	if (last) return last.questionIds
	const pretest = await getPretest(learnerId, course.slug)
	return pretest ? questionIdsOf(pretest.layout) : []
}

export async function getPretest(learnerId: string | null, courseSlug: string) {
	if (!learnerId) return null
	return prisma.pretestAttempt.findUnique({
		where: { learnerId_courseSlug: { learnerId, courseSlug } },
		select: { id: true, layout: true, score: true, maxScore: true, submittedAt: true },
	})
}

/** Stores the pre-test once: a second one (another tab, a resent form) keeps the first. */
export async function recordPretest(input: { learnerId: string; course: Course; nonce: string; seed: number; layout: Layout; grade: Grade }) {
	const existing = await getPretest(input.learnerId, input.course.slug)
	if (existing) return existing
	return prisma.pretestAttempt
		.create({
			data: {
				learnerId: input.learnerId,
				courseSlug: input.course.slug,
				courseVersion: input.course.meta.version,
				token: input.nonce,
				layout: JSON.stringify(input.layout),
				answers: JSON.stringify(input.grade.results.map(({ questionId, chosen, correct }) => ({ questionId, chosen, correct }))),
				score: input.grade.score,
				maxScore: input.grade.maxScore,
				drawSeed: input.seed,
			},
			select: { id: true, layout: true, score: true, maxScore: true, submittedAt: true },
		})
		.catch(async (error: unknown) => {
			// Two submissions at the same instant: the unique key lets one in, the other reads it.
			const raced = await getPretest(input.learnerId, input.course.slug)
			if (raced) return raced
			throw error
		})
}

/** The latest choice per <Choice> of a lesson: practice, shown back on the lesson page. */
export async function getPracticePicks(learner: LearnerRef | null, courseSlug: string, lessonSlug: string): Promise<Record<string, number>> {
	if (!learner) return {}
	const rows = await prisma.practiceChoice.findMany({ where: { ...learnerWhere(learner), courseSlug, lessonSlug }, select: { choiceId: true, pick: true } })
	return Object.fromEntries(rows.map((row) => [row.choiceId, row.pick]))
}

export async function savePracticePick(input: { learnerId: string; courseSlug: string; lessonSlug: string; choiceId: string; pick: number }) {
	const { learnerId, courseSlug, lessonSlug, choiceId, pick } = input
	await prisma.practiceChoice.upsert({
		where: { learnerId_courseSlug_lessonSlug_choiceId: { learnerId, courseSlug, lessonSlug, choiceId } },
		create: { learnerId, courseSlug, lessonSlug, choiceId, pick },
		update: { pick },
	})
}

/**
 * The courses this user passed and may have a certificate for but has none yet: where signing
 * in or up sends a guest who passed (the certificate is one name away).
 */
export async function unclaimedPasses(userId: string, courses: Map<string, Course>): Promise<string[]> {
	const learner = await prisma.learner.findUnique({ where: { userId }, select: { id: true } })
	if (!learner) return []
	const passed = await prisma.quizAttempt.findMany({
		where: { learnerId: learner.id, passed: true },
		distinct: ['courseSlug', 'courseVersion'],
		select: { courseSlug: true, courseVersion: true },
	})
	const current = passed.filter((attempt) => courses.get(attempt.courseSlug)?.meta.version === attempt.courseVersion)
	if (current.length === 0) return []
	const certified = await prisma.certificate.findMany({
		where: { userId, revokedAt: null, courseSlug: { in: current.map((attempt) => attempt.courseSlug) } },
		select: { courseSlug: true, courseVersion: true, expiresAt: true },
	})
	const now = new Date()
	return current
		.filter(
			(attempt) =>
				!certified.some(
					(certificate) => certificate.courseSlug === attempt.courseSlug && certificate.courseVersion === attempt.courseVersion && (!certificate.expiresAt || certificate.expiresAt > now),
				),
		)
		.map((attempt) => attempt.courseSlug)
}

/**
 * A new form for the learner: a fresh seed, a stratified draw that avoids the questions they saw
 * last, signed into the form's token (no row until it is handed in, decision 008).
 */
export async function drawAttempt(course: Course & { quiz: QuizDefinition }, learnerId: string | null, purpose: AttemptPurpose, history: AttemptHistoryEntry[]) {
	const seed = newSeed()
	const previous = await lastShownQuestions(learnerId, course, history)
	const layout = drawLayout(course.quiz, course.lessons.map((lesson) => lesson.slug), previous, seed)
	return { layout, token: createAttemptToken({ purpose, course: course.slug, version: course.meta.version, seed, layout }) }
}

/** Where signing in or up lands when no page was asked for: a passed course's certificate form, if any. */
export async function landingAfterSignIn(userId: string, fallback: string): Promise<string> {
	const [course] = await unclaimedPasses(userId, getCatalog().bySlug)
	return course ? `/courses/${course}/certificate` : fallback
}

/** The course page's view of the assessment: pre-test offered or taken, passed, certified. */
export async function courseAssessment(course: Course, learnerId: string | null, userId: string | null) {
	const [best, pretest, certificate, attempts] = await Promise.all([
		learnerId ? prisma.quizAttempt.findFirst({ where: { learnerId, courseSlug: course.slug, courseVersion: course.meta.version, passed: true }, select: { id: true } }) : null,
		getPretest(learnerId, course.slug),
		userId ? findCurrentCertificate(userId, course) : null,
		learnerId ? prisma.quizAttempt.count({ where: { learnerId, courseSlug: course.slug } }) : 0,
	])
	return {
		passed: best !== null,
		certificateCode: certificate?.code ?? null,
		// "Before" only means something before the first graded attempt.
		pretestOffered: course.meta.pretest === true && course.quiz !== null && !pretest && attempts === 0,
		pretest: pretest ? { score: pretest.score, maxScore: pretest.maxScore } : null,
	}
}
