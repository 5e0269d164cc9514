import path from 'node:path'
import Database from 'better-sqlite3'
import { expect, test } from 'vitest'
import { prisma } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { createUser } from '../../prisma/factories.ts'
import { backupDatabase } from '../../prisma/tools/backup.ts'
import { TMP_DIR } from '../setup/paths.ts'

test('a backup taken while writes go on is consistent and holds every committed write', async () => {
	const before = await Promise.all(Array.from({ length: 20 }, () => createUser(prisma)))
	const destination = path.join(TMP_DIR, `backup-${before[0]!.id}.db`)
	const during = Array.from({ length: 20 }, () => createUser(prisma))
	await backupDatabase(getEnv().databasePath, destination)
	await Promise.all(during)

	const copy = new Database(destination, { readonly: true })
	expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
	const ids = new Set(copy.prepare<[], { id: string }>('SELECT id FROM User').all().map((row) => row.id))
	for (const user of before) expect(ids.has(user.id)).toBe(true)
	copy.close()
})
