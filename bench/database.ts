// The benchmark's data: a fresh SQLite file in a temporary folder (or a fresh PostgreSQL database
// with --database), migrated as the server does,
// with the large organisation from the shared seed generator, and signed-in sessions for the
// administrator and for pools of learners (made through the app's own session code, so the cookies
// are exactly what signing in sets).
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { migrateDatabase } from '../app/utils/db-migrate.server.ts'
import { databaseTarget } from '../app/utils/env.server.ts'
import { seedOrganisation, type SeededOrganisation } from '../prisma/seed-organisation.ts'
import { recordProgress, refreshSummaries } from '~/models/factories.server.ts'

export type BenchData = {
	dir: string
	databaseUrl: string
	/** Deletes the run's database (the folder, or the PostgreSQL database it created). */
	cleanup: () => Promise<void>
	sessionSecret: string
	seeded: SeededOrganisation
	seedMs: number
	adminCookie: string
	/** A learner part-way through the courses: reads lesson pages. */
	readerCookie: string
	/** Learners who finished the quiz course's lessons: they submit quizzes. */
	quizTakers: string[]
	/** Learners who complete lessons. */
	completers: string[]
	/** A district-sized organisation (--large-learners): its group and its administrator's cookie. */
	large: { seeded: SeededOrganisation; seedMs: number; adminCookie: string } | null
}

export const ROOT = path.resolve(import.meta.dirname, '..')

/** A database of the run's own on the PostgreSQL server `serverUrl` names, and how to drop it. */
async function postgresDatabase(serverUrl: string) {
	const name = `qorgau_bench_${randomBytes(4).toString('hex')}`
	const onServer = async (sql: string) => {
		const client = new pg.Client({ connectionString: serverUrl })
		await client.connect()
		await client.query(sql).finally(() => client.end())
	}
	await onServer(`CREATE DATABASE ${name}`)
	const url = new URL(serverUrl)
	url.pathname = `/${name}`
	return { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}

/**
 * Creates the database and fills it; the app's modules read DATABASE_URL, so it is set here first.
 * SQLite by default; with `postgresUrl`, a new database on that server.
 */
export async function prepareData(options: { learners: number; largeLearners: number; quizCourse: string; pool: number; postgresUrl?: string }): Promise<BenchData> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'qorgau-bench-'))
	const postgres = options.postgresUrl ? await postgresDatabase(options.postgresUrl) : undefined
	const databaseUrl = postgres?.url ?? `file:${path.join(dir, 'qorgau.db')}`
	const cleanup = async () => {
		rmSync(dir, { recursive: true, force: true })
		await postgres?.drop()
	}
	const sessionSecret = randomBytes(32).toString('hex')
	Object.assign(process.env, { DATABASE_URL: databaseUrl, SESSION_SECRET: sessionSecret, NODE_ENV: 'production', COURSES_DIR: path.join(ROOT, 'courses') })
	await migrateDatabase(databaseTarget(databaseUrl), ROOT)

	const { prisma } = await import('../app/utils/db.server.ts')
	const { createSession } = await import('../app/auth/session.server.ts')
	const started = performance.now()
	const seeded = await seedOrganisation(prisma, { learners: options.learners, coursesDir: path.join(ROOT, 'courses'), seed: 1 })
	const seedMs = performance.now() - started

	const cookieOf = async (userId: string) => (await createSession(userId)).split(';')[0]!
	const pool = Math.min(options.pool, Math.floor(seeded.learners.length / 2))
	const takers = seeded.learners.slice(0, pool)
	const completers = seeded.learners.slice(pool, 2 * pool)
	// Quiz takers must have read every lesson first (the quiz refuses otherwise).
	const { readCourses } = await import('../prisma/seed-organisation.ts')
	const quizCourse = readCourses(path.join(ROOT, 'courses')).find((course) => course.slug === options.quizCourse)!
	await prisma.lessonProgress.deleteMany({ where: { learnerId: { in: takers.map((taker) => taker.learnerId) }, courseSlug: quizCourse.slug } })
	await recordProgress(
		prisma,
		takers.flatMap((taker) => quizCourse.lessons.map((lesson) => ({ learnerId: taker.learnerId, courseSlug: quizCourse.slug, lessonSlug: lesson.slug, completedAt: new Date() }))),
	)
	await refreshSummaries(prisma, takers.map((taker) => taker.learnerId))
	let large: BenchData['large'] = null
	if (options.largeLearners > 0) {
		const largeStarted = performance.now()
		const largeSeeded = await seedOrganisation(prisma, { learners: options.largeLearners, coursesDir: path.join(ROOT, 'courses'), seed: 2 })
		large = { seeded: largeSeeded, seedMs: performance.now() - largeStarted, adminCookie: await cookieOf(largeSeeded.admin.userId) }
	}
	// What a server's first start on this data does once (the summaries counted against the courses'
	// lessons): the cold start then measures a restart, as a deployment's is, not a one-time recount
	// of 22,000 learners (4 s more on the bench database: first 200 after 7.4 s instead of 3.1 s).
	const { reconcileSummaries } = await import('../app/models/learner-summary.server.ts')
	const { getCatalog } = await import('../app/courses/catalog.server.ts')
	await reconcileSummaries(prisma, getCatalog().courses)
	const data: BenchData = {
		dir,
		databaseUrl,
		cleanup,
		sessionSecret,
		seeded,
		seedMs,
		adminCookie: await cookieOf(seeded.admin.userId),
		readerCookie: await cookieOf(seeded.learners[seeded.learners.length - 1]!.userId),
		quizTakers: await Promise.all(takers.map((taker) => cookieOf(taker.userId))),
		completers: await Promise.all(completers.map((learner) => cookieOf(learner.userId))),
		large,
	}
	await prisma.$disconnect()
	return data
}
