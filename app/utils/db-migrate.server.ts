// One step for every entry point (server, tools): make the database usable and bring its schema
// up to date with the migration set of its engine (decision 016).
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { applyPostgresMigrations } from '~/utils/db-migrations-pg.server.ts'
import { applyMigrations } from '~/utils/db-migrations.server.ts'
import type { DatabaseTarget } from '~/utils/env.server.ts'

export class DatabaseUnusableError extends Error {}

export const MIGRATIONS_DIRS = { sqlite: 'prisma/migrations', postgresql: 'prisma/postgres/migrations' } as const

/** Applies what is missing; returns the names of the migrations it applied. */
export async function migrateDatabase(database: DatabaseTarget, root = process.cwd()): Promise<string[]> {
	const migrationsDir = path.resolve(root, MIGRATIONS_DIRS[database.engine])
	if (database.engine === 'postgresql') return applyPostgresMigrations(database.url, migrationsDir)
	ensureWritableDatabase(database.path)
	return applyMigrations(database.path, migrationsDir)
}

/** For SQLite, that its folder and file can be written: said before anything else is written beside it. */
export function ensureUsableDatabase(database: DatabaseTarget) {
	if (database.engine === 'sqlite') ensureWritableDatabase(database.path)
}

function ensureWritableDatabase(databasePath: string) {
	const dir = path.dirname(databasePath)
	try {
		mkdirSync(dir, { recursive: true })
		accessSync(dir, constants.W_OK)
		if (existsSync(databasePath)) accessSync(databasePath, constants.R_OK | constants.W_OK)
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error)
		throw new DatabaseUnusableError(
			`Cannot use the database at ${databasePath} (${reason}). Set DATABASE_URL to a writable file, e.g. file:/var/lib/qorgau/qorgau.db`,
		)
	}
}
