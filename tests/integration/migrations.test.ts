import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, test } from 'vitest'
import { onPostgres } from '../setup/engine.ts'
import { applyMigrations, MigrationError, readMigrationDirectories } from '~/utils/db-migrations.server.ts'
import { migrationList, openSchemaEngine, pendingSchemaChanges } from '../../prisma/tools/schema-engine.ts'
import { MIGRATIONS_DIR, SCHEMA_PATH } from '../setup/paths.ts'
import { TMP_DIR } from '../setup/tmp.ts'

const schema = readFileSync(SCHEMA_PATH, 'utf8')
const noFilters = { externalTables: [], externalEnums: [] }
const tempDir = () => mkdtempSync(path.join(TMP_DIR, 'migrations-'))

// The SQLite set on SQLite files, whatever the run's engine: once is enough (npm test). The
// PostgreSQL set: tests/integration/postgres.test.ts.
describe.skipIf(onPostgres)('applyMigrations', () => {
	test('creates the schema once, then applies nothing twice', () => {
		const file = path.join(tempDir(), 'q.db')
		const all = readMigrationDirectories(MIGRATIONS_DIR).map((dir) => dir.name)
		expect(applyMigrations(file, MIGRATIONS_DIR)).toEqual(all)
		expect(applyMigrations(file, MIGRATIONS_DIR)).toEqual([])
		const db = new Database(file, { readonly: true })
		expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
		const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()
		expect(tables).toEqual(expect.arrayContaining([{ name: 'User' }, { name: 'Certificate' }, { name: '_prisma_migrations' }]))
		const rows = db.prepare('SELECT migration_name, applied_steps_count FROM _prisma_migrations').all()
		expect(rows).toEqual(all.map((name) => ({ migration_name: name, applied_steps_count: 1 })))
		db.close()
	})

	test("Prisma's own engine sees the database as up to date", async () => {
		const file = path.join(tempDir(), 'q.db')
		applyMigrations(file, MIGRATIONS_DIR)
		const engine = await openSchemaEngine(schema, file)
		try {
			const diagnosis = await engine.diagnoseMigrationHistory({
				migrationsList: migrationList(MIGRATIONS_DIR),
				optInToShadowDatabase: false,
				filters: noFilters,
			})
			expect(diagnosis).toMatchObject({ history: null, failedMigrationNames: [], editedMigrationNames: [] })
			const applied = await engine.applyMigrations({ migrationsList: migrationList(MIGRATIONS_DIR), filters: noFilters })
			expect(applied.appliedMigrationNames).toEqual([])
		} finally {
			engine.free()
		}
	})

	test('a migration that redefines a table keeps every row that refers to it', () => {
		// Prisma redefines Organisation (copy, DROP, rename): with foreign keys on, the DROP would
		// cascade to memberships, groups and pupils. Apply the first migration, add data, then the rest.
		const dir = tempDir()
		const all = readMigrationDirectories(MIGRATIONS_DIR)
		const firstOnly = path.join(dir, 'first')
		cpSync(path.join(MIGRATIONS_DIR, all[0]!.name), path.join(firstOnly, all[0]!.name), { recursive: true })
		const file = path.join(dir, 'q.db')
		applyMigrations(file, firstOnly)
		const db = new Database(file)
		db.prepare("INSERT INTO Organisation (id, slug, name, kind, code, updatedAt) VALUES ('o1', 'org-1', 'School', 'school', 'ABC123', '2026-01-01')").run()
		db.prepare("INSERT INTO User (id, displayName, locale, updatedAt, pupilOrgId, pupilUsername) VALUES ('u1', 'Pupil', 'kk', '2026-01-01', 'o1', 'pupil')").run()
		db.prepare("INSERT INTO Membership (id, orgId, userId, role) VALUES ('m1', 'o1', 'u1', 'learner')").run()
		db.prepare("INSERT INTO \"Group\" (id, orgId, name, joinCode) VALUES ('g1', 'o1', '7 A', 'JOIN7A')").run()
		db.close()

		expect(applyMigrations(file, MIGRATIONS_DIR)).toEqual(all.slice(1).map((migration) => migration.name))
		const after = new Database(file, { readonly: true })
		expect(after.prepare('SELECT count(*) AS n FROM Membership').get()).toEqual({ n: 1 })
		expect(after.prepare('SELECT count(*) AS n FROM "Group"').get()).toEqual({ n: 1 })
		expect(after.prepare("SELECT pupilOrgId FROM User WHERE id = 'u1'").get()).toEqual({ pupilOrgId: 'o1' })
		expect(after.prepare("SELECT aggregateOnly, minReportGroupSize FROM Organisation WHERE id = 'o1'").get()).toEqual({ aggregateOnly: 0, minReportGroupSize: 5 })
		expect(after.pragma('foreign_key_check')).toEqual([])
		after.close()
	})

	test('refuses a migration edited after it was applied', () => {
		const dir = tempDir()
		const migrations = path.join(dir, 'migrations')
		cpSync(MIGRATIONS_DIR, migrations, { recursive: true })
		applyMigrations(path.join(dir, 'q.db'), migrations)
		const [first] = readMigrationDirectories(migrations)
		writeFileSync(path.join(migrations, first!.name, 'migration.sql'), `${first!.sql}\n-- edited\n`)
		expect(() => applyMigrations(path.join(dir, 'q.db'), migrations)).toThrow(MigrationError)
	})

	test('a failing migration leaves no trace and stops start-up', () => {
		const dir = tempDir()
		const migrations = path.join(dir, 'migrations')
		cpSync(MIGRATIONS_DIR, migrations, { recursive: true })
		cpSync(path.join(migrations, readMigrationDirectories(migrations)[0]!.name), path.join(migrations, '99999999999999_broken'), {
			recursive: true,
		})
		writeFileSync(path.join(migrations, '99999999999999_broken/migration.sql'), 'CREATE TABLE "Extra" ("id" TEXT);\nNOT SQL;')
		const file = path.join(dir, 'q.db')
		expect(() => applyMigrations(file, migrations)).toThrow(/syntax error/)
		const db = new Database(file, { readonly: true })
		expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'Extra'").all()).toEqual([])
		expect(db.prepare("SELECT count(*) AS n FROM _prisma_migrations WHERE migration_name LIKE '%broken'").get()).toEqual({ n: 0 })
		db.close()
	})
})

describe.skipIf(onPostgres)('schema and migrations agree', () => {
	test('prisma/schema.prisma is fully recorded in prisma/migrations', async () => {
		expect(await pendingSchemaChanges(schema, MIGRATIONS_DIR)).toBe('')
	})

	test('the check fails when a model changes without a migration', async () => {
		const changed = schema.replace('model Group {', 'model Group {\n  colour String?')
		expect(changed).not.toBe(schema)
		expect(await pendingSchemaChanges(changed, MIGRATIONS_DIR)).toMatch(/ALTER TABLE "Group" ADD COLUMN "colour" TEXT/)
	})
})
