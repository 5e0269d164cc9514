import Database from 'better-sqlite3'
import { expect, test } from 'vitest'
import { getEnv } from '~/utils/env.server.ts'
import { onPostgres } from '../setup/engine.ts'
import { prisma } from '~/utils/db.server.ts'
import { BUSY_TIMEOUT_MS } from '~/utils/prisma-client.server.ts'
import { createOrganisation, createUser } from '~/models/factories.server.ts'

// SQLite's pragmas: PostgreSQL has no such settings per connection.
test.skipIf(onPostgres)('every connection runs with WAL, foreign keys, a busy timeout and full sync', async () => {
	const pragma = async (name: string) => Object.values((await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`))[0]!)[0]
	expect(await pragma('journal_mode')).toBe('wal')
	expect(Number(await pragma('foreign_keys'))).toBe(1)
	expect(Number(await pragma('busy_timeout'))).toBe(BUSY_TIMEOUT_MS)
	expect(Number(await pragma('synchronous'))).toBe(2)
})

// SQLite's file lock: PostgreSQL locks rows, and its transactions need no BEGIN IMMEDIATE.
test.skipIf(onPostgres)('a transaction holds the write lock from its first statement, even a read (BEGIN IMMEDIATE)', async () => {
	// Another process's connection, which does not wait: it sees at once whether the lock is free.
	const other = new Database(getEnv().databasePath!, { timeout: 0 })
	const tryWriteLock = () => {
		try {
			other.exec('BEGIN IMMEDIATE')
			other.exec('ROLLBACK')
			return 'free'
		} catch (error) {
			return (error as { code?: string }).code
		}
	}
	try {
		expect(tryWriteLock()).toBe('free')
		const during = await prisma.$transaction(async (tx) => {
			await tx.user.count()
			return tryWriteLock()
		})
		expect(during).toBe('SQLITE_BUSY')
		expect(tryWriteLock()).toBe('free')
	} finally {
		other.close()
	}
})

// The adapter's statements stay prepared (app/utils/prisma-client.server.ts): each run still has
// its own parameters, in a transaction and out of it, and a failed statement leaves the next one whole.
test('a prepared statement runs again with each call’s own parameters', async () => {
	const one = (n: number) => prisma.$queryRaw<{ n: number | bigint }[]>`SELECT ${n} AS "n"`
	expect((await Promise.all([1, 2, 3].map(one))).map((rows) => Number(rows[0]!.n))).toEqual([1, 2, 3])
	const inside = await prisma.$transaction(async (tx) => [await tx.$queryRaw<{ n: number | bigint }[]>`SELECT ${4} AS "n"`, await tx.$queryRaw<{ n: number | bigint }[]>`SELECT ${5} AS "n"`])
	expect(inside.map((rows) => Number(rows[0]!.n))).toEqual([4, 5])
	const users = await Promise.all(['Aigerim', 'Bolat'].map((displayName) => createUser(prisma, { displayName })))
	for (const user of users) expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { displayName: true } })).displayName).toBe(user.displayName)
	await expect(prisma.$queryRaw`SELECT * FROM "NoSuchTable" WHERE "id" = ${'x'}`).rejects.toThrow()
	expect(Number((await one(6))[0]!.n)).toBe(6)
})

test("deleting a person removes their own records but keeps the certificates others rely on", async () => {
	const user = await createUser(prisma)
	const org = await createOrganisation(prisma, { ownerId: user.id })
	await prisma.session.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 60_000) } })
	await prisma.lessonProgress.create({ data: { learnerId: user.learner!.id, courseSlug: 'c', lessonSlug: 'l' } })
	const certificate = await prisma.certificate.create({
		data: { code: `TEST-${user.id}`, userId: user.id, holderName: user.displayName, courseSlug: 'c', courseVersion: '1', locale: 'en' },
	})

	await prisma.user.delete({ where: { id: user.id } })

	expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
	expect(await prisma.learner.count({ where: { userId: user.id } })).toBe(0)
	expect(await prisma.lessonProgress.count({ where: { learnerId: user.learner!.id } })).toBe(0)
	expect(await prisma.membership.count({ where: { orgId: org.id } })).toBe(0)
	expect(await prisma.certificate.findUnique({ where: { id: certificate.id }, select: { userId: true, holderName: true } })).toEqual({
		userId: null,
		holderName: user.displayName,
	})
})

test('a record pointing at nothing is refused', async () => {
	await expect(prisma.membership.create({ data: { orgId: 'missing', userId: 'missing', role: 'owner' } })).rejects.toThrow()
})

// Reads SQLite's text form of a timestamp; PostgreSQL stores timestamp(3) without a zone, in UTC.
test.skipIf(onPostgres)('timestamps are stored in UTC', async () => {
	const user = await createUser(prisma)
	const [row] = await prisma.$queryRawUnsafe<{ createdAt: string }[]>('SELECT CAST(createdAt AS TEXT) AS createdAt FROM User WHERE id = ?', user.id)
	expect(row!.createdAt).toMatch(/Z$|\+00:00$/)
})
