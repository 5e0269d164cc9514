// Runs before each test file: a database of its own, and no unexpected console.error.
import { mkdtempSync } from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeEach } from 'vitest'
import { assertNoUnexpectedConsoleError, watchConsoleError } from './console.ts'
import { freshDatabaseUrl } from './database.ts'
import { onPostgres } from './engine.ts'
import { ROOT } from './paths.ts'
import { TMP_DIR } from './tmp.ts'

process.env.NODE_ENV = 'test'
process.env.DATABASE_URL = await freshDatabaseUrl()
// On PostgreSQL nothing sits beside a database file: generated files go to a folder of the test's own.
if (onPostgres) process.env.DATA_DIR = mkdtempSync(path.join(TMP_DIR, 'data-'))
process.env.COURSES_DIR = path.join(ROOT, 'tests/fixtures/courses')

beforeEach(watchConsoleError)
afterEach(assertNoUnexpectedConsoleError)

afterAll(async () => {
	await globalThis.__qorgauPrisma?.$disconnect()
	globalThis.__qorgauPrisma = undefined
})
