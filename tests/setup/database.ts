import { randomBytes } from 'node:crypto'
import { copyFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { POSTGRES_TEMPLATE, postgresUrl, TEST_POSTGRES } from './engine.ts'
import { BASE_DB, TMP_DIR } from './tmp.ts'

const uniqueName = () => `test_${process.env.VITEST_POOL_ID ?? 0}_${randomBytes(6).toString('hex')}`

/** A fresh, fully migrated SQLite file of the test's own. */
export function freshDatabase(): string {
	const file = path.join(TMP_DIR, `${uniqueName()}.db`)
	copyFileSync(BASE_DB, file)
	return file
}

/** A fresh, fully migrated database on this run's engine: its DATABASE_URL. */
export async function freshDatabaseUrl(): Promise<string> {
	if (!TEST_POSTGRES) return `file:${freshDatabase()}`
	const name = uniqueName()
	const admin = new pg.Client({ connectionString: TEST_POSTGRES })
	await admin.connect()
	try {
		await admin.query(`CREATE DATABASE ${name} TEMPLATE ${POSTGRES_TEMPLATE}`)
	} finally {
		await admin.end()
	}
	return postgresUrl(name)
}
