import { randomBytes } from 'node:crypto'
import { copyFileSync } from 'node:fs'
import path from 'node:path'
import { BASE_DB, TMP_DIR } from './tmp.ts'

/** A fresh, fully migrated database file of the test's own. */
export function freshDatabase(): string {
	const file = path.join(TMP_DIR, `test-${process.env.VITEST_POOL_ID ?? 0}-${randomBytes(6).toString('hex')}.db`)
	copyFileSync(BASE_DB, file)
	return file
}
