import { execFile } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, renameSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { createUser } from '~/models/factories.server.ts'
import { backupDatabase } from '../../prisma/tools/backup.ts'
import { onPostgres } from '../setup/engine.ts'
import { learnerFromSetCookie } from '../setup/learner-cookie.ts'
import { ROOT } from '../setup/paths.ts'
import { BASE_DB, TMP_DIR } from '../setup/tmp.ts'
import { startServer } from '../setup/server.ts'

const run = promisify(execFile)

// Backups of the SQLite file; PostgreSQL is backed up with its own tools (postgres.test.ts).
test.skipIf(onPostgres)('a backup taken while writes go on is consistent and holds every committed write', async () => {
	const before = await Promise.all(Array.from({ length: 20 }, () => createUser(prisma)))
	const destination = path.join(TMP_DIR, `backup-${before[0]!.id}.db`)
	const during = Array.from({ length: 20 }, () => createUser(prisma))
	await backupDatabase(getEnv().databasePath!, destination)
	await Promise.all(during)

	const copy = new Database(destination, { readonly: true })
	expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
	const ids = new Set(copy.prepare<[], { id: string }>('SELECT id FROM User').all().map((row) => row.id))
	for (const user of before) expect(ids.has(user.id)).toBe(true)
	copy.close()
})

describe.skipIf(onPostgres)('npm run db:backup against the running production server', () => {
	const SECRET = 'backup-suite-secret-'.padEnd(48, 'b')
	const COURSE = 'sample-course'
	const LESSONS = ['first-lesson', 'second-lesson', 'third-lesson']

	test('a copy taken while the server serves writes is consistent; restoring it as the README says works', { timeout: 120_000 }, async () => {
		const dir = mkdtempSync(path.join(TMP_DIR, 'backup-live-'))
		const live = path.join(dir, 'qorgau.db')
		copyFileSync(BASE_DB, live)
		const env = { DATABASE_URL: `file:${live}`, SESSION_SECRET: SECRET, COURSES_DIR: path.join(ROOT, 'tests/fixtures/courses') }
		let server = await startServer(env)

		// Writers: guests completing lessons, one after another, until told to stop.
		const acknowledged: { learnerId: string; lesson: string }[] = []
		let stop = false
		let notify: (() => void) | null = null
		const writer = async () => {
			while (!stop) {
				let cookie: string | null = null
				let learnerId: string | null = null
				for (const lesson of LESSONS) {
					const response = await fetch(`${server.url}/courses/${COURSE}/lessons/${lesson}`, {
						method: 'POST',
						redirect: 'manual',
						body: new URLSearchParams({ intent: 'complete' }),
						headers: cookie ? { Cookie: cookie } : {},
					})
					expect(response.status).toBe(302)
					const learner = learnerFromSetCookie(response.headers.getSetCookie())
					if (learner) ({ cookie, learnerId } = learner)
					acknowledged.push({ learnerId: learnerId!, lesson })
					notify?.()
				}
			}
		}
		const writers = Array.from({ length: 6 }, writer)
		const untilAcknowledged = (count: number) => new Promise<void>((resolve) => (notify = () => acknowledged.length >= count && resolve()))
		await untilAcknowledged(60)

		const before = acknowledged.length
		const copy = path.join(dir, 'backup.db')
		// The real command, in its own process, while the writers go on.
		const backup = await run(process.execPath, ['--import', 'tsx', 'prisma/tools/backup.ts', copy], { cwd: ROOT, env: { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: `file:${live}` } })
		expect(backup.stdout).toContain(`Backed up ${live} to ${copy}`)
		const during = acknowledged.length - before
		await untilAcknowledged(acknowledged.length + 20)
		stop = true
		await Promise.all(writers)

		const stored = (file: string) => {
			const db = new Database(file, { readonly: true })
			const check = db.pragma('integrity_check', { simple: true })
			const row = db.prepare<[string, string], { n: number }>("SELECT count(*) AS n FROM LessonProgress WHERE learnerId = ? AND lessonSlug = ? AND completedAt IS NOT NULL AND courseSlug = 'sample-course'")
			const found = acknowledged.map(({ learnerId, lesson }) => row.get(learnerId, lesson)!.n === 1)
			db.close()
			return { check, found }
		}
		const inCopy = stored(copy)
		expect(inCopy.check).toBe('ok')
		// Everything acknowledged before the backup started is in it.
		expect(inCopy.found.slice(0, before).every(Boolean)).toBe(true)
		expect(during).toBeGreaterThan(0)

		// Restore (README "Backups"): stop the server, move the database and its -wal and -shm
		// aside, copy the backup in, start the server.
		await server.stop()
		for (const suffix of ['', '-wal', '-shm']) if (existsSync(`${live}${suffix}`)) renameSync(`${live}${suffix}`, `${live}${suffix}.before-restore`)
		copyFileSync(copy, live)
		server = await startServer(env)
		expect(server.output()).toMatch(/Database schema is up to date/)
		const restored = stored(live)
		expect(restored.check).toBe('ok')
		expect(restored.found).toEqual(inCopy.found)
		// The writes after the copy are not in it (it is a copy of that moment), and the restored
		// server takes new ones.
		expect(restored.found.slice(-10).some((found) => !found)).toBe(true)
		const again = await fetch(`${server.url}/courses/${COURSE}/lessons/${LESSONS[0]}`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ intent: 'complete' }) })
		expect(again.status).toBe(302)
		await server.stop()
		console.log(`[backup] npm run db:backup ran while ${during} writes were acknowledged; all ${before} writes acknowledged before it are in the copy; integrity ok; restored and serving`)
	})
})
