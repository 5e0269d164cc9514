// Quiz attempts: every submitted attempt is stored with its layout and answers. The best attempt
// counts.
import type { Prisma } from '~/generated/prisma/client.ts'
import { isUniqueViolation } from '~/utils/db-errors.server.ts'
import type { QuizDefinition } from '~/courses/schema.ts'
import { itemStatistics, type Grade, type Layout } from '~/quiz/grading.ts'
import { prisma } from '~/utils/db.server.ts'
import { learnerWhere, type LearnerRef } from './learner-ref.server.ts'

export type NewAttempt = {
	learnerId: string
	courseSlug: string
	courseVersion: string
	locale: string
	nonce: string
	layout: Layout
	drawSeed: number
	startedAt: Date
	grade: Grade
}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Stores a graded attempt and returns its id. The same form sent twice (two clicks, a resent
 * request, even at the same moment) yields the first attempt's id: the nonce is unique.
 */
export async function recordAttempt(attempt: NewAttempt): Promise<{ id: string } | null> {
	const submittedAt = new Date()
	try {
		return await prisma.quizAttempt.create({
			data: {
				learnerId: attempt.learnerId,
				courseSlug: attempt.courseSlug,
				courseVersion: attempt.courseVersion,
				locale: attempt.locale,
				token: attempt.nonce,
				layout: JSON.stringify(attempt.layout),
				drawSeed: attempt.drawSeed,
				startedAt: attempt.startedAt,
				submittedAt,
				score: attempt.grade.score,
				maxScore: attempt.grade.maxScore,
				passed: attempt.grade.passed,
				durationMs: Math.min(Math.max(submittedAt.getTime() - attempt.startedAt.getTime(), 0), DAY_MS),
				answers: {
					create: attempt.grade.results.map((result) => ({
						questionId: result.questionId,
						chosen: JSON.stringify(result.chosen),
						correct: result.correct,
					})),
				},
			},
			select: { id: true },
		})
	} catch (error) {
		if (!isUniqueViolation(error)) throw error
		// Another request with this form got there first: answer with its attempt, if it is ours.
		return prisma.quizAttempt.findFirst({ where: { token: attempt.nonce, learnerId: attempt.learnerId }, select: { id: true } })
	}
}

export async function getAttempt(attemptId: string, learner: LearnerRef | null) {
	if (!learner) return null
	const attempt = await prisma.quizAttempt.findFirst({
		where: { id: attemptId, ...learnerWhere(learner), submittedAt: { not: null } },
		select: {
			id: true,
			courseSlug: true,
			courseVersion: true,
			locale: true,
			layout: true,
			score: true,
			maxScore: true,
			passed: true,
			answers: { select: { questionId: true, chosen: true, correct: true } },
		},
	})
	if (!attempt) return null
	return {
		...attempt,
		layout: JSON.parse(attempt.layout) as Layout,
		answers: attempt.answers.map((answer) => ({ ...answer, chosen: JSON.parse(answer.chosen) as string[] })),
	}
}

/** The learner's best submitted attempt at a course's quiz (highest score, then earliest). */
export async function getBestAttempt(learner: LearnerRef | null, courseSlug: string) {
	if (!learner) return null
	return prisma.quizAttempt.findFirst({
		where: { ...learnerWhere(learner), courseSlug, submittedAt: { not: null } },
		orderBy: [{ passed: 'desc' }, { score: 'desc' }, { submittedAt: 'asc' }],
		select: { id: true, score: true, maxScore: true, passed: true, submittedAt: true },
	})
}

/**
 * Item statistics over the submitted attempts of a set of learners (for the dashboard). The set
 * is a filter (e.g. "members of this group"), not a list of ids: SQLite caps bound parameters.
 */
export async function getItemStatistics(quiz: QuizDefinition, courseSlug: string, learners: Prisma.LearnerWhereInput) {
	// Identical answers counted by the database: a few rows per question, whatever the group's size.
	const groups = await prisma.quizAnswer.groupBy({
		by: ['questionId', 'chosen', 'correct'],
		where: { attempt: { courseSlug, learner: learners, submittedAt: { not: null } } },
		_count: { _all: true },
	})
	return itemStatistics(
		quiz,
		groups.map((group) => ({ questionId: group.questionId, chosen: JSON.parse(group.chosen) as string[], correct: group.correct, count: group._count._all })),
	)
}
