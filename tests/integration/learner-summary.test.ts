// The per-learner, per-course summaries the dashboard reads: every app write keeps them equal to
// a recount from the source tables, in the same transaction; start-up recounts a course whose
// lessons changed.
import { cpSync, mkdtempSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { expect, test } from 'vitest'
import { addMonths } from '~/certificates/state.ts'
import { findCourse, getCatalog } from '~/courses/catalog.server.ts'
import type { Course } from '~/courses/read.server.ts'
import { issueCertificate, revokeCertificate } from '~/models/certificate.server.ts'
import { mergeGuestIntoUser } from '~/auth/learner.server.ts'
import { NEVER_EXPIRES, rebuildSummaries, reconcileSummaries } from '~/models/learner-summary.server.ts'
import { completeLesson } from '~/models/progress.server.ts'
import { recordAttempt } from '~/models/quiz.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { applyMigrations, readMigrationDirectories } from '~/utils/db-migrations.server.ts'
import { createPrismaClient } from '~/utils/prisma-client.server.ts'
import { MIGRATIONS_DIRS } from '~/utils/db-migrate.server.ts'
import { applyPostgresMigrations } from '~/utils/db-migrations-pg.server.ts'
import type { DatabaseTarget } from '~/utils/env.server.ts'
import { createUser } from '~/models/factories.server.ts'
import { onPostgres, postgresUrl, TEST_POSTGRES } from '../setup/engine.ts'
import { MIGRATIONS_DIR, ROOT } from '../setup/paths.ts'
import { TMP_DIR } from '../setup/tmp.ts'
import { asLearner, get } from '../setup/requests.ts'

const course = findCourse('sample-course')!

async function summaries(learnerId: string) {
	return prisma.learnerCourseSummary.findMany({
		where: { learnerId },
		orderBy: { courseSlug: 'asc' },
		select: { courseSlug: true, lessonsDone: true, bestScore: true, maxScore: true, certifiedUntil: true, lastActiveAt: true },
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
		drawSeed: 1,
		startedAt: new Date(),
		grade: { score, maxScore: 4, percent: score * 25, passed: score >= 3, results: [] },
		quiz: course.quiz!,
		limit: async () => {},
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

test('renewing inside the window moves the summary to the new certificate', async () => {
	const user = await createUser(prisma, { displayName: 'Ерлан' })
	const learnerId = user.learner!.id
	for (const lesson of course.lessons) await completeLesson(learnerId, course.slug, lesson.slug)
	await attempt(learnerId, 4)
	const first = (await issueCertificate({ userId: user.id, learnerId, course, holderName: 'Ерлан', locale: 'en' }))!
	// Written straight into the table (the test moves time, no app write does): recount after it.
	const expiresAt = new Date(Date.now() + 10 * 86_400_000)
	await prisma.certificate.update({ where: { id: first.id }, data: { issuedAt: addMonths(expiresAt, -12), expiresAt } })
	await rebuildSummaries(prisma, [learnerId], getCatalog().bySlug)
	await attempt(learnerId, 4)
	const renewed = (await issueCertificate({ userId: user.id, learnerId, course, holderName: 'Ерлан', locale: 'en' }))!
	expect(renewed.code).not.toBe(first.code)
	expect((await expectCurrent(learnerId))[0]!.certifiedUntil).toEqual(renewed.expiresAt)
})

/** An empty database on this run's engine, and how to apply a migration set to it. */
async function emptyDatabase(dir: string): Promise<{ target: DatabaseTarget; migrationsDir: string; apply: (migrationsDir: string) => Promise<string[]> }> {
	if (!onPostgres) {
		const file = path.join(dir, 'q.db')
		return { target: { engine: 'sqlite', path: file }, migrationsDir: MIGRATIONS_DIR, apply: async (migrations) => applyMigrations(file, migrations) }
	}
	const name = `backfill_${process.pid}_${Date.now()}`
	const admin = new pg.Client({ connectionString: TEST_POSTGRES })
	await admin.connect()
	await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end())
	const url = postgresUrl(name)
	return { target: { engine: 'postgresql', url, poolSize: 2 }, migrationsDir: path.join(ROOT, MIGRATIONS_DIRS.postgresql), apply: (migrations) => applyPostgresMigrations(url, migrations) }
}

test("the migration's backfill gives the summaries a recount gives, on a database with data", async () => {
	// Every migration before the summaries' one, records written through Prisma, then the rest
	// (on PostgreSQL its own set, whose migration with the summaries has the same backfill).
	const dir = mkdtempSync(path.join(TMP_DIR, 'summary-backfill-'))
	const database = await emptyDatabase(dir)
	const all = readMigrationDirectories(database.migrationsDir)
	const summaryIndex = all.findIndex((migration) => migration.sql.includes('CREATE TABLE "LearnerCourseSummary"'))
	expect(summaryIndex).toBeGreaterThan(0)
	expect(all[summaryIndex]!.sql).toMatch(/INSERT INTO "LearnerCourseSummary"/)
	const before = path.join(dir, 'before')
	for (const migration of all.slice(0, summaryIndex)) cpSync(path.join(database.migrationsDir, migration.name), path.join(before, migration.name), { recursive: true })
	await database.apply(before)
	const old = createPrismaClient(database.target)
	const user = await old.user.create({ data: { displayName: 'Айгүл', learner: { create: {} } }, select: { id: true, learner: { select: { id: true } } } })
	const learnerId = user.learner!.id
	const guest = await old.learner.create({ data: {}, select: { id: true } })
	const done = new Date()
	await old.lessonProgress.createMany({
		data: [
			...course.lessons.map((lesson) => ({ learnerId, courseSlug: course.slug, lessonSlug: lesson.slug, completedAt: done })),
			{ learnerId, courseSlug: course.slug, lessonSlug: 'a-lesson-since-removed', completedAt: done },
			// Started, not finished: no summary row.
			{ learnerId: guest.id, courseSlug: course.slug, lessonSlug: course.lessons[0]!.slug, completedAt: null },
		],
	})
	const attemptRow = (id: string, score: number, submittedAt: Date | null) => ({
		learnerId: id,
		courseSlug: course.slug,
		courseVersion: course.meta.version,
		locale: 'en',
		token: `b-${id}-${score}-${Math.random()}`,
		layout: '[]',
		submittedAt,
		score,
		maxScore: 4,
		passed: score >= 3,
	})
	await old.quizAttempt.createMany({ data: [attemptRow(learnerId, 2, done), attemptRow(learnerId, 3, done), attemptRow(guest.id, 4, null)] })
	const certificateRow = (expiresAt: Date, revokedAt: Date | null, issueNumber: number) => ({
		code: `BACKFILL-${issueNumber}-${Math.random().toString(36).slice(2, 8)}`,
		userId: user.id,
		holderName: 'Айгүл',
		courseSlug: course.slug,
		courseVersion: course.meta.version,
		locale: 'en',
		issuedAt: done,
		expiresAt,
		revokedAt,
		issueNumber,
	})
	// The revoked one would have lasted longer: it does not count.
	await old.certificate.createMany({ data: [certificateRow(addMonths(done, 12), null, 1), certificateRow(addMonths(done, 24), done, 2)] })
	await old.$disconnect()

	expect(await database.apply(database.migrationsDir)).toEqual(all.slice(summaryIndex).map((migration) => migration.name))
	const migrated = createPrismaClient(database.target)
	try {
		// As at start-up: the lesson counts are brought in line with the courses' lessons now.
		await reconcileSummaries(migrated, [course])
		const read = () =>
			migrated.learnerCourseSummary.findMany({
				orderBy: [{ learnerId: 'asc' }, { courseSlug: 'asc' }],
				select: { learnerId: true, courseSlug: true, lessonsDone: true, bestScore: true, maxScore: true, certifiedUntil: true },
			})
		const backfilled = await read()
		expect(backfilled).toEqual([{ learnerId, courseSlug: course.slug, lessonsDone: course.lessons.length, bestScore: 3, maxScore: 4, certifiedUntil: addMonths(done, 12) }])
		await rebuildSummaries(migrated, [learnerId, guest.id], new Map([[course.slug, course]]))
		expect(backfilled).toEqual(await read())
	} finally {
		await migrated.$disconnect()
	}
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
