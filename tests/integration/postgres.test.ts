// PostgreSQL's own concerns (npm run test:pg; skipped on SQLite runs): its migration set as
// Prisma's engine sees it, moving a SQLite database up (npm run db:copy), and a pg_dump restore.
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { describe, expect, test } from 'vitest'
import { applyPostgresMigrations } from '~/utils/db-migrations-pg.server.ts'
import { readMigrationDirectories } from '~/utils/db-migrations.server.ts'
import { createPrismaClient } from '~/utils/prisma-client.server.ts'
import { createUser } from '~/models/factories.server.ts'
import { seedOrganisation } from '../../prisma/seed-organisation.ts'
import { copyDatabase, describeTables, tableReports, utcClient } from '../../prisma/tools/copy-database.ts'
import { postgresBinDir } from '../../prisma/tools/postgres-cluster.ts'
import { derivePostgresSchema, POSTGRES_MIGRATIONS, readSqliteSchema } from '../../prisma/tools/postgres-schema.ts'
import { migrationList, openPostgresSchemaEngine } from '../../prisma/tools/schema-engine.ts'
import { freshDatabase } from '../setup/database.ts'
import { onPostgres, postgresUrl, TEST_POSTGRES } from '../setup/engine.ts'
import { ROOT } from '../setup/paths.ts'

const run = promisify(execFile)
const noFilters = { externalTables: [], externalEnums: [] }
let databases = 0

async function emptyDatabase(): Promise<string> {
	const name = `empty_${process.pid}_${++databases}`
	const admin = new pg.Client({ connectionString: TEST_POSTGRES })
	await admin.connect()
	await admin.query(`CREATE DATABASE ${name}`)
	await admin.end()
	return postgresUrl(name)
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	try {
		return (await client.query<T>(sql, values)).rows
	} finally {
		await client.end()
	}
}

describe.skipIf(!onPostgres)('PostgreSQL', () => {
	test('the migration set applies once, is recorded as prisma migrate deploy records it, and Prisma sees it up to date', async () => {
		const url = await emptyDatabase()
		const all = readMigrationDirectories(POSTGRES_MIGRATIONS).map((dir) => dir.name)
		expect(await applyPostgresMigrations(url, POSTGRES_MIGRATIONS)).toEqual(all)
		expect(await applyPostgresMigrations(url, POSTGRES_MIGRATIONS)).toEqual([])
		const rows = await query<{ migration_name: string; applied_steps_count: number }>(url, 'SELECT migration_name, applied_steps_count FROM _prisma_migrations ORDER BY migration_name')
		expect(rows).toEqual(all.map((name) => ({ migration_name: name, applied_steps_count: 1 })))

		const engine = await openPostgresSchemaEngine(derivePostgresSchema(readSqliteSchema()), url)
		try {
			const migrationsList = migrationList(POSTGRES_MIGRATIONS, undefined, 'postgresql')
			const diagnosis = await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: noFilters })
			expect(diagnosis).toMatchObject({ history: null, failedMigrationNames: [], editedMigrationNames: [] })
			expect((await engine.applyMigrations({ migrationsList, filters: noFilters })).appliedMigrationNames).toEqual([])
		} finally {
			engine.free()
		}
	})

	test('db:copy moves a SQLite database up, verifies it, and can be rerun', { timeout: 120_000 }, async () => {
		const file = freshDatabase()
		const sqlite = createPrismaClient({ engine: 'sqlite', path: file })
		const seeded = await seedOrganisation(sqlite, { learners: 30, coursesDir: path.join(ROOT, 'tests/fixtures/courses') })
		const target = await emptyDatabase()

		const first = await copyDatabase(`file:${file}`, target)
		expect(first.mismatches).toEqual([])
		const learners = first.tables.find((table) => table.table === 'Learner')!
		expect(learners.rows).toBeGreaterThanOrEqual(30)

		// The copy reads back through the app's PostgreSQL client as it was.
		const postgres = createPrismaClient({ engine: 'postgresql', url: target, poolSize: 2 })
		const select = { id: true, displayName: true, createdAt: true, discreetMode: true } as const
		expect(await postgres.user.findMany({ select, orderBy: { id: 'asc' } })).toEqual(await sqlite.user.findMany({ select, orderBy: { id: 'asc' } }))

		// Rerun after the school kept working on SQLite: changes and new rows arrive, nothing twice.
		await sqlite.user.update({ where: { id: seeded.admin.userId }, data: { displayName: 'Renamed Admin' } })
		await createUser(sqlite, { displayName: 'Late Arrival' })
		const second = await copyDatabase(`file:${file}`, target)
		expect(second.mismatches).toEqual([])
		expect(second.tables.find((table) => table.table === 'User')!.rows).toBe(first.tables.find((table) => table.table === 'User')!.rows + 1)
		expect(await postgres.user.findUnique({ where: { id: seeded.admin.userId }, select: { displayName: true } })).toEqual({ displayName: 'Renamed Admin' })

		// A change made only in PostgreSQL is overwritten from the source; rows only PostgreSQL has
		// stay, and fail verification, which names their tables.
		await postgres.user.update({ where: { id: seeded.admin.userId }, data: { displayName: 'Changed Only In PostgreSQL' } })
		await createUser(postgres, { displayName: 'Only in PostgreSQL' })
		expect((await copyDatabase(`file:${file}`, target)).mismatches.sort()).toEqual(['Learner', 'User'])
		expect(await postgres.user.findUnique({ where: { id: seeded.admin.userId }, select: { displayName: true } })).toEqual({ displayName: 'Renamed Admin' })
		expect(await postgres.user.count({ where: { displayName: 'Only in PostgreSQL' } })).toBe(1)
		await Promise.all([sqlite.$disconnect(), postgres.$disconnect()])
	})

	test('a pg_dump of a live database restores to the same content', { timeout: 120_000 }, async () => {
		const source = process.env.DATABASE_URL!
		const prisma = createPrismaClient({ engine: 'postgresql', url: source, poolSize: 2 })
		await seedOrganisation(prisma, { learners: 20, coursesDir: path.join(ROOT, 'tests/fixtures/courses') })
		await prisma.$disconnect()
		const dump = path.join(ROOT, 'tests/.tmp', `dump-${process.pid}.pgdump`)
		const bin = postgresBinDir()
		await run(path.join(bin, 'pg_dump'), ['--format=custom', '--file', dump, '--dbname', source])
		const restored = await emptyDatabase()
		await run(path.join(bin, 'pg_restore'), ['--no-owner', '--dbname', restored, dump])

		const reports = async (url: string) => {
			const client = utcClient(url)
			await client.connect()
			try {
				return await tableReports(client, await describeTables(client))
			} finally {
				await client.end()
			}
		}
		const before = await reports(source)
		expect(before.find((table) => table.table === 'Learner')!.rows).toBeGreaterThanOrEqual(20)
		expect(await reports(restored)).toEqual(before)
		// The restored database is a working one: the app's migrations see nothing to do.
		expect(await applyPostgresMigrations(restored, POSTGRES_MIGRATIONS)).toEqual([])
	})
})
