// `npm run db:backup [-- <file>]`: a consistent copy of the database while the server keeps
// serving, through SQLite's online backup API. Default: data/backups/qorgau-<UTC time>.db
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { parseEnv } from '~/utils/env.server.ts'

export async function backupDatabase(databasePath: string, destination: string) {
	mkdirSync(path.dirname(destination), { recursive: true })
	const db = new Database(databasePath, { readonly: true, fileMustExist: true })
	try {
		// All pages in one step, so one read transaction: writes that land meanwhile (WAL lets
		// them) neither appear half in the copy nor make SQLite restart the copy again and again.
		await db.backup(destination, { progress: () => 0x7fffffff })
	} finally {
		db.close()
	}
}

if (process.argv[1] === import.meta.filename) {
	const { databasePath } = parseEnv(process.env)
	if (!databasePath) {
		console.error('DATABASE_URL names PostgreSQL: back it up with pg_dump or continuous archiving (README "Deployment on PostgreSQL").')
		process.exit(2)
	}
	const stamp = new Date().toISOString().replace(/[:.]/g, '-')
	const destination = path.resolve(process.argv[2] ?? path.join(path.dirname(databasePath), 'backups', `qorgau-${stamp}.db`))
	await backupDatabase(databasePath, destination)
	console.log(`Backed up ${databasePath} to ${destination}`)
}
