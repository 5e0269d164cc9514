// The per-learner, per-course summaries the dashboard reads: every app write keeps them equal to
// a recount from the source tables, in the same transaction; start-up recounts a course whose
// lessons changed.
import { expect, test } from 'vitest'
import { findCourse, getCatalog } from '~/courses/catalog.server.ts'
import type { Course } from '~/courses/read.server.ts'
import { issueCertificate, revokeCertificate } from '~/models/certificate.server.ts'
import { mergeGuestIntoUser } from '~/auth/learner.server.ts'
import { NEVER_EXPIRES, rebuildSummaries, reconcileSummaries } from '~/models/learner-summary.server.ts'
import { completeLesson } from '~/models/progress.server.ts'
import { recordAttempt } from '~/models/quiz.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { createUser } from '~/models/factories.server.ts'
import { asLearner, get } from '../setup/requests.ts'

const course = findCourse('sample-course')!

async function summaries(learnerId: string) {
	return prisma.learnerCourseSummary.findMany({
		where: { learnerId },
		orderBy: { courseSlug: 'asc' },
		select: { courseSlug: true, lessonsDone: true, bestScore: true, maxScore: true, certifiedUntil: true },
	})
}

/** The summaries the app kept, and the ones a full recount gives: they must be the same. */
async function expectCurrent(learnerId: string) {
	const kept = await summaries(learnerId)
	await rebuildSummaries(prisma, [learnerId], getCatalog().bySlug)
	expect(kept).toEqual(await summaries(learnerId))
	return kept
}

const attempt = (learnerId: string, score: number) =>
	recordAttempt({
		learnerId,
		courseSlug: course.slug,
		courseVersion: course.meta.version,
		locale: 'en',
		nonce: `n-${learnerId}-${score}-${Math.random()}`,
		layout: [],
		startedAt: new Date(),
		grade: { score, maxScore: 4, percent: score * 25, passed: score >= 3, results: [] },
	})

test('lessons, attempts, certificates and revocation keep the summary equal to a recount', async () => {
	const user = await createUser(prisma, { displayName: 'Дана' })
	const learnerId = user.learner!.id
	expect(await expectCurrent(learnerId)).toEqual([])

	await completeLesson(learnerId, course.slug, 'first-lesson')
	await completeLesson(learnerId, course.slug, 'first-lesson')
	expect(await expectCurrent(learnerId)).toMatchObject([{ courseSlug: course.slug, lessonsDone: 1, bestScore: null }])
	for (const lesson of course.lessons) await completeLesson(learnerId, course.slug, lesson.slug)

	await attempt(learnerId, 2)
	await attempt(learnerId, 4)
	await attempt(learnerId, 3)
	expect(await expectCurrent(learnerId)).toMatchObject([{ lessonsDone: course.lessons.length, bestScore: 4, maxScore: 4, certifiedUntil: null }])

	const certificate = (await issueCertificate({ userId: user.id, learnerId, course, holderName: 'Дана', locale: 'en' }))!
	expect((await expectCurrent(learnerId))[0]!.certifiedUntil).toEqual(certificate.expiresAt ?? NEVER_EXPIRES)
	expect(await revokeCertificate(certificate.code, 'test')).toBe(true)
	expect((await expectCurrent(learnerId))[0]!.certifiedUntil).toBeNull()
})

test('a guest merged into an account brings their progress and best score into its summary', async () => {
	const guest = await prisma.learner.create({ data: {}, select: { id: true } })
	await completeLesson(guest.id, course.slug, 'second-lesson')
	await attempt(guest.id, 3)
	const user = await createUser(prisma)
	await completeLesson(user.learner!.id, course.slug, 'first-lesson')
	await mergeGuestIntoUser(get('/login', await asLearner(guest.id)), user.id)
	expect(await expectCurrent(user.learner!.id)).toMatchObject([{ lessonsDone: 2, bestScore: 3 }])
	expect(await prisma.learnerCourseSummary.count({ where: { learnerId: guest.id } })).toBe(0)
})

test('start-up recounts a course whose lessons changed, and nothing when they did not', async () => {
	const user = await createUser(prisma)
	const learnerId = user.learner!.id
	for (const lesson of course.lessons) await completeLesson(learnerId, course.slug, lesson.slug)
	await reconcileSummaries(prisma, getCatalog().courses)
	expect(await reconcileSummaries(prisma, getCatalog().courses)).toEqual([])
	// A new content version drops the last lesson: it no longer counts.
	const shorter: Course = { ...course, lessons: course.lessons.slice(0, -1) }
	expect(await reconcileSummaries(prisma, [shorter])).toEqual([course.slug])
	expect((await summaries(learnerId))[0]!.lessonsDone).toBe(course.lessons.length - 1)
	expect(await reconcileSummaries(prisma, [course])).toEqual([course.slug])
	expect((await summaries(learnerId))[0]!.lessonsDone).toBe(course.lessons.length)
})
