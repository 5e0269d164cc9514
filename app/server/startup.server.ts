// What happens before the server answers: a usable data directory, the schema up to date, a
// session secret, demo content on a fresh non-deployment database.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { seedDemo } from '../models/demo-school.server.ts'
import { migrateDatabase } from '../utils/db-migrate.server.ts'
import type { Env } from '../utils/env.server.ts'
import { createPrismaClient } from '../utils/prisma-client.server.ts'

/** The secret from the environment, or one generated once and kept beside the database. */
export function resolveSessionSecret(env: Env, log: (line: string) => void): string {
	if (env.SESSION_SECRET) return env.SESSION_SECRET
	const file = path.join(env.dataDir, 'session-secret')
	if (!existsSync(file)) {
		mkdirSync(env.dataDir, { recursive: true })
		writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
		log(`No SESSION_SECRET set: generated one in ${file} (set SESSION_SECRET in a deployment).`)
	}
	return readFileSync(file, 'utf8').trim()
}

/** The credential-signing key's seed from the environment, or one made once beside the database. */
export function resolveIssuerKeySeed(env: Env, log: (line: string) => void): string {
	if (env.ISSUER_KEY_SEED) return env.ISSUER_KEY_SEED
	const file = path.join(env.dataDir, 'issuer-key-seed')
	if (!existsSync(file)) {
		mkdirSync(env.dataDir, { recursive: true })
		writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
		log(`No ISSUER_KEY_SEED set: generated one in ${file} (set ISSUER_KEY_SEED in a deployment).`)
	}
	return readFileSync(file, 'utf8').trim()
}

export async function prepareDatabase(env: Env, log: (line: string) => void) {
	const applied = await migrateDatabase(env.database)
	log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.')
	const prisma = createPrismaClient(env.database)
	try {
		// Expired sessions are refused anyway; dropping them keeps the table small.
		await prisma.session.deleteMany({ where: { expiresAt: { lt: new Date() } } })
		if (env.isDeployment && !env.SEED_DEMO) return
		if (await seedDemo(prisma, env.coursesDir)) log('Empty database: added the demo school (see README "Demo content").')
	} finally {
		await prisma.$disconnect()
	}
}
