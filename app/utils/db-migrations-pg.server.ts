// Applies prisma/postgres/migrations/*/migration.sql to PostgreSQL the way `prisma migrate deploy`
// does: Prisma's advisory lock (so instances starting together take turns), each migration in its
// own transaction, recorded in _prisma_migrations with Prisma's columns and checksum.
// See docs/decisions/002-offline-prisma.md and 016-postgresql-and-several-instances.md.
import { createHash, randomUUID } from 'node:crypto'
import pg from 'pg'
import { MigrationError, readMigrationDirectories } from '~/utils/db-migrations.server.ts'

// Prisma's own DDL for its bookkeeping table on PostgreSQL.
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`

// The key `prisma migrate` locks with, so this and Prisma's CLI never migrate at the same time.
const PRISMA_ADVISORY_LOCK = 72707369

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null }

/** Brings the database up to date; returns the names of the migrations it applied. */
export async function applyPostgresMigrations(url: string, migrationsDir: string): Promise<string[]> {
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	try {
		await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK])
		await client.query(MIGRATIONS_TABLE)
		const { rows } = await client.query<AppliedRow>(
			'SELECT migration_name, checksum, finished_at FROM _prisma_migrations WHERE rolled_back_at IS NULL',
		)
		const applied = new Map(rows.map((row) => [row.migration_name, row]))
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
			await client.query('BEGIN')
			try {
				await client.query(migration.sql)
				await client.query(
					`INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
					 VALUES ($1, $2, now(), $3, NULL, NULL, now(), 1)`,
					[randomUUID(), checksum, migration.name],
				)
				await client.query('COMMIT')
			} catch (error) {
				await client.query('ROLLBACK')
				throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`)
			}
			newlyApplied.push(migration.name)
		}
		return newlyApplied
	} finally {
		await client.end()
	}
}
