// Runs before each test file: a database of its own, and no unexpected console.error.
import { afterAll, afterEach, beforeEach } from 'vitest'
import { assertNoUnexpectedConsoleError, watchConsoleError } from './console.ts'
import { freshDatabase } from './database.ts'

process.env.NODE_ENV = 'test'
process.env.DATABASE_URL = `file:${freshDatabase()}`

beforeEach(watchConsoleError)
afterEach(assertNoUnexpectedConsoleError)

afterAll(async () => {
	await globalThis.__qorgauPrisma?.$disconnect()
	globalThis.__qorgauPrisma = undefined
})
