// What happens before the server answers: a usable data directory, the schema up to date, a
// session secret, demo content on a fresh non-deployment database.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { seedDemo } from '~/models/demo-school.server.ts'
import { migrateDatabase } from '~/utils/db-migrate.server.ts'
import type { Env } from '~/utils/env.server.ts'
import { createPrismaClient } from '~/utils/prisma-client.server.ts'

/**
 * A secret from the environment or, outside a deployment (which must set it: env.server.ts), 32
 * random bytes made once and kept in the data folder (beside the SQLite file), so a restart keeps sessions and keys.
 */
function secretInDataDir(env: Env, name: 'SESSION_SECRET' | 'ISSUER_KEY_SEED', fileName: string, log: (line: string) => void): string {
	const given = env[name]
	if (given) return given
	const file = path.join(env.dataDir, fileName)
	if (!existsSync(file)) {
		mkdirSync(env.dataDir, { recursive: true })
		writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
		log(`No ${name} set: generated one in ${file} (set ${name} in a deployment).`)
	}
	return readFileSync(file, 'utf8').trim()
}

/** The secret that signs cookies. */
export const resolveSessionSecret = (env: Env, log: (line: string) => void) => secretInDataDir(env, 'SESSION_SECRET', 'session-secret', log)

/** The seed of the key that signs credentials (decision 017). */
export const resolveIssuerKeySeed = (env: Env, log: (line: string) => void) => secretInDataDir(env, 'ISSUER_KEY_SEED', 'issuer-key-seed', log)

/**
 * The LTI tool's key from the environment; outside a deployment one made once in the data
 * folder. A deployment without LTI_PRIVATE_KEY runs with the LTI tool off (decision 021).
 */
export function resolveLtiPrivateKey(env: Env, log: (line: string) => void): string | undefined {
	if (env.LTI_PRIVATE_KEY) return env.LTI_PRIVATE_KEY
	if (env.isDeployment) {
		log('No LTI_PRIVATE_KEY set: the LTI 1.3 tool is off (see README "LTI 1.3").')
		return undefined
	}
	const file = path.join(env.dataDir, 'lti-private-key.pem')
	if (!existsSync(file)) {
		mkdirSync(env.dataDir, { recursive: true })
		const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } })
		writeFileSync(file, privateKey, { mode: 0o600 })
		log(`No LTI_PRIVATE_KEY set: generated one in ${file} (set LTI_PRIVATE_KEY in a deployment).`)
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
