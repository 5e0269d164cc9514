// What happens before the server answers: a usable data directory, the schema up to date, a
// session secret, demo content on a fresh non-deployment database.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { seedDemo } from '../models/demo-school.server.ts'
import { createPrismaClient } from '../utils/prisma-client.server.ts'
import { applyMigrations } from '../utils/db-migrations.server.ts'
import type { Env } from '../utils/env.server.ts'

export class StartupError extends Error {}

export function ensureWritableDatabase(databasePath: string) {
	const dir = path.dirname(databasePath)
	try {
		mkdirSync(dir, { recursive: true })
		accessSync(dir, constants.W_OK)
		if (existsSync(databasePath)) accessSync(databasePath, constants.R_OK | constants.W_OK)
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error)
		throw new StartupError(
			`Cannot use the database at ${databasePath} (${reason}). Set DATABASE_URL to a writable file, e.g. file:/var/lib/qorgau/qorgau.db`,
		)
	}
}

/**
 * A secret from the environment or, outside a deployment (which must set it: env.server.ts), 32
 * random bytes made once and kept beside the database, so a restart keeps sessions and keys.
 */
function secretBesideDatabase(env: Env, name: 'SESSION_SECRET' | 'ISSUER_KEY_SEED', fileName: string, log: (line: string) => void): string {
	const given = env[name]
	if (given) return given
	const file = path.join(path.dirname(env.databasePath), fileName)
	if (!existsSync(file)) {
		writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
		log(`No ${name} set: generated one in ${file} (set ${name} in a deployment).`)
	}
	return readFileSync(file, 'utf8').trim()
}

/** The secret that signs cookies. */
export const resolveSessionSecret = (env: Env, log: (line: string) => void) => secretBesideDatabase(env, 'SESSION_SECRET', 'session-secret', log)

/** The seed of the key that signs credentials (decision 017). */
export const resolveIssuerKeySeed = (env: Env, log: (line: string) => void) => secretBesideDatabase(env, 'ISSUER_KEY_SEED', 'issuer-key-seed', log)

/**
 * The LTI tool's key from the environment; outside a deployment one made once beside the
 * database. A deployment without LTI_PRIVATE_KEY runs with the LTI tool off (decision 021).
 */
export function resolveLtiPrivateKey(env: Env, log: (line: string) => void): string | undefined {
	if (env.LTI_PRIVATE_KEY) return env.LTI_PRIVATE_KEY
	if (env.isDeployment) {
		log('No LTI_PRIVATE_KEY set: the LTI 1.3 tool is off (see README "LTI 1.3").')
		return undefined
	}
	const file = path.join(path.dirname(env.databasePath), 'lti-private-key.pem')
	if (!existsSync(file)) {
		const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } })
		writeFileSync(file, privateKey, { mode: 0o600 })
		log(`No LTI_PRIVATE_KEY set: generated one in ${file} (set LTI_PRIVATE_KEY in a deployment).`)
	}
	return readFileSync(file, 'utf8').trim()
}

export async function prepareDatabase(env: Env, migrationsDir: string, log: (line: string) => void) {
	ensureWritableDatabase(env.databasePath)
	const applied = applyMigrations(env.databasePath, migrationsDir)
	log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.')
	const prisma = createPrismaClient(env.databasePath)
	try {
		// Expired sessions are refused anyway; dropping them keeps the table small.
		await prisma.session.deleteMany({ where: { expiresAt: { lt: new Date() } } })
		if (env.isDeployment && !env.SEED_DEMO) return
		if (await seedDemo(prisma, env.coursesDir)) log('Empty database: added the demo school (see README "Demo content").')
	} finally {
		await prisma.$disconnect()
	}
}
