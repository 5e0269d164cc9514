// The large-organisation generator (npm run seed, the benchmark's data): real rows the app reads
// as it reads any organisation's, reproducible for a seed.
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { expect, test } from 'vitest'
import { getCatalog } from '~/courses/catalog.server.ts'
import { groupDashboard } from '~/models/group-dashboard.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { seedOrganisation } from '../../prisma/seed-organisation.ts'
import { ROOT } from '../setup/paths.ts'
import { TMP_DIR } from '../setup/tmp.ts'

test('a generated organisation: one group of N pupils with mixed progress, attempts and certificates', async () => {
	const coursesDir = getEnv().coursesDir
	const seeded = await seedOrganisation(prisma, { learners: 60, coursesDir, assign: 2, seed: 7 })
	expect(seeded.learners).toHaveLength(60)
	expect(seeded.assigned).toEqual(getCatalog().courses.slice(0, 2).map((course) => course.slug))

	const group = await prisma.group.findUniqueOrThrow({
		where: { id: seeded.group.id },
		select: { org: { select: { memberships: { select: { role: true, userId: true } } } }, members: { select: { userId: true } }, assignments: { select: { dueAt: true } } },
	})
	expect(group.members).toHaveLength(60)
	expect(group.org.memberships.filter((membership) => membership.role === 'learner')).toHaveLength(60)
	expect(group.org.memberships.find((membership) => membership.userId === seeded.admin.userId)?.role).toBe('admin')
	expect(group.assignments).toHaveLength(2)

	// Progress names real lessons; every attempt has one answer per question it scored.
	const lessons = new Set(getCatalog().courses.flatMap((course) => course.lessons.map((lesson) => `${course.slug}/${lesson.slug}`)))
	const progress = await prisma.lessonProgress.findMany({ select: { courseSlug: true, lessonSlug: true } })
	expect(progress).toHaveLength(seeded.counts.progress)
	for (const row of progress) expect(lessons.has(`${row.courseSlug}/${row.lessonSlug}`)).toBe(true)
	const attempts = await prisma.quizAttempt.findMany({ select: { maxScore: true, score: true, passed: true, _count: { select: { answers: true } }, answers: { select: { correct: true } } } })
	expect(attempts).toHaveLength(seeded.counts.attempts)
	for (const attempt of attempts) {
		expect(attempt._count.answers).toBe(attempt.maxScore)
		expect(attempt.answers.filter((answer) => answer.correct)).toHaveLength(attempt.score!)
	}
	expect(await prisma.certificate.count()).toBe(seeded.counts.certificates)

	// The teacher's dashboard sees every status among the pupils.
	const summaries = await groupDashboard(seeded.group.id, getCatalog().bySlug)
	expect(summaries).toHaveLength(2)
	const summary = summaries.find((entry) => getCatalog().bySlug.get(entry.courseSlug)!.lessons.length >= 3)
	expect(summary!.learners).toHaveLength(60)
	for (const status of ['not-started', 'in-progress', 'completed', 'certified'] as const) expect(summary!.counts[status]).toBeGreaterThan(0)
	// The first assignment is overdue: those who have not finished it show as overdue.
	expect(summaries[0]!.learners.some((learner) => learner.overdue)).toBe(true)
	expect(summaries[1]!.learners.some((learner) => learner.overdue)).toBe(false)
})

test('the same seed draws the same progress', async () => {
	const coursesDir = getEnv().coursesDir
	const shape = async (seed: number) => {
		const seeded = await seedOrganisation(prisma, { learners: 20, coursesDir, seed })
		const ids = seeded.learners.map((learner) => learner.learnerId)
		const rows = await prisma.lessonProgress.findMany({ where: { learnerId: { in: ids } }, select: { learnerId: true, lessonSlug: true } })
		return ids.map((id) => rows.filter((row) => row.learnerId === id).length)
	}
	expect(await shape(3)).toEqual(await shape(3))
	expect(await shape(3)).not.toEqual(await shape(4))
})

test('npm run seed migrates the database it is given and adds the organisation', async () => {
	// No file yet: the command must create it and apply the migrations itself.
	const empty = path.join(TMP_DIR, `seed-cli-empty-${process.pid}-${Date.now()}.db`)
	const run = promisify(execFile)
	const { stdout } = await run(process.execPath, ['--import', 'tsx', 'prisma/tools/seed.ts', '--learners', '12', '--pin', '2468'], {
		cwd: ROOT,
		env: { PATH: process.env.PATH, NODE_ENV: 'development', DATABASE_URL: `file:${empty}`, COURSES_DIR: path.join(ROOT, 'tests/fixtures/courses') },
	})
	expect(stdout).toMatch(/with 12 pupils/)
	expect(stdout).toMatch(/admin: admin-\S+@bench\.example\.org \/ \S{16}/)
	const db = new Database(empty, { readonly: true })
	expect(db.prepare('SELECT count(*) AS n FROM GroupMember').get()).toEqual({ n: 12 })
	expect(db.prepare('SELECT count(*) AS n FROM Password').get()).toEqual({ n: 13 })
	db.close()
	const refused = await run(process.execPath, ['--import', 'tsx', 'prisma/tools/seed.ts', '--learners', 'many'], {
		cwd: ROOT,
		env: { PATH: process.env.PATH, NODE_ENV: 'development', DATABASE_URL: `file:${empty}` },
	}).catch((error: { code: number; stderr: string }) => error)
	expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: npm run seed') })
}, 60_000)

test('the dashboard of a group larger than SQLite’s bound-parameter limit', async () => {
	const seeded = await seedOrganisation(prisma, { learners: 1100, coursesDir: getEnv().coursesDir, assign: 1 })
	const [summary] = await groupDashboard(seeded.group.id, getCatalog().bySlug)
	expect(summary!.learners).toHaveLength(1100)
	expect(Object.values(summary!.counts).reduce((total, count) => total + count, 0)).toBe(1100)
}, 60_000)
