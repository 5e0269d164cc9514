// Applies prisma/migrations/*/migration.sql the way `prisma migrate deploy` does, without
// Prisma's native engine (unavailable offline): each migration in its own transaction, recorded
// in _prisma_migrations with the same columns and checksum, so a machine with the native engine
// sees the database as up to date. See docs/decisions/002-offline-prisma.md.
import { createHash, randomUUID } from 'node:crypto'
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

export type MigrationDir = { name: string; sql: string }

export function readMigrationDirectories(migrationsDir: string): MigrationDir[] {
	return readdirSync(migrationsDir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && existsSync(path.join(migrationsDir, entry.name, 'migration.sql')))
		.map((entry) => entry.name)
		.sort()
		.map((name) => ({ name, sql: readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8') }))
}

// Prisma's own DDL for its bookkeeping table on SQLite.
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`

type AppliedRow = { migration_name: string; checksum: string; finished_at: string | null; rolled_back_at: string | null }

export class MigrationError extends Error {}

/** Brings the database file up to date; returns the names of the migrations it applied. */
export function applyMigrations(databasePath: string, migrationsDir: string): string[] {
	const db = new Database(databasePath)
	try {
		// WAL is a property of the file: set once here, every later connection inherits it.
		db.pragma('journal_mode = WAL')
		db.exec(MIGRATIONS_TABLE)
		// Prisma redefines a table on SQLite by copying it and dropping the old one, and brackets
		// that with PRAGMA foreign_keys=OFF — which SQLite ignores inside a transaction. With keys
		// on (better-sqlite3's default), DROP TABLE runs ON DELETE CASCADE and would empty every
		// table that refers to it. So keys are off for this connection, and each migration is
		// checked with foreign_key_check before it commits.
		db.pragma('foreign_keys = OFF')
		const applied = new Map(
			db
				.prepare<[], AppliedRow>('SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations')
				.all()
				.filter((row) => row.rolled_back_at === null)
				.map((row) => [row.migration_name, row]),
		)
		const newlyApplied: string[] = []
		for (const migration of readMigrationDirectories(migrationsDir)) {
			const checksum = createHash('sha256').update(migration.sql).digest('hex')
			const row = applied.get(migration.name)
			if (row?.finished_at === null) {
				throw new MigrationError(`Migration ${migration.name} started earlier but did not finish; resolve it before starting.`)
			}
			if (row) {
				if (row.checksum !== checksum) {
					throw new MigrationError(`Migration ${migration.name} was changed after it was applied; add a new migration instead.`)
				}
				continue
			}
			db.transaction(() => {
				db.exec(migration.sql)
				const broken = db.pragma('foreign_key_check') as { table: string }[]
				if (broken.length > 0) {
					throw new MigrationError(`Migration ${migration.name} leaves ${broken.length} rows with a broken reference (first in ${broken[0]!.table}); nothing was applied.`)
				}
				// The same text form the schema engine writes.
				const now = new Date().toISOString().replace('Z', '+00:00')
				db.prepare(
					`INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
					 VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
				).run(randomUUID(), checksum, now, migration.name, now)
			})()
			newlyApplied.push(migration.name)
		}
		return newlyApplied
	} finally {
		db.close()
	}
}
