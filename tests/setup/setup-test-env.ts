// Runs before each test file: a database of its own, and no unexpected console.error.
import path from 'node:path'
import { afterAll, afterEach, beforeEach } from 'vitest'
import { assertNoUnexpectedConsoleError, watchConsoleError } from './console.ts'
import { freshDatabase } from './database.ts'
import { ROOT } from './paths.ts'

process.env.NODE_ENV = 'test'
process.env.DATABASE_URL = `file:${freshDatabase()}`
process.env.COURSES_DIR = path.join(ROOT, 'tests/fixtures/courses')

beforeEach(watchConsoleError)
afterEach(assertNoUnexpectedConsoleError)

afterAll(async () => {
	await globalThis.__qorgauPrisma?.$disconnect()
	globalThis.__qorgauPrisma = undefined
})
