// The environment, validated once. A fresh clone runs with none set; a deployment (PUBLIC_URL
// set, or QORGAU_DEPLOYMENT=true) must name its public address and its secrets. See README
// "Configuration".
import { createPrivateKey } from 'node:crypto'
import path from 'node:path'
import { z } from 'zod'
import { LOCALES } from '~/config/i18n.ts'

const flag = z
	.enum(['true', 'false', '1', '0'])
	.optional()
	.transform((value) => value === 'true' || value === '1')

const schema = z.object({
	NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	HOST: z.string().min(1).default('0.0.0.0'),
	DATABASE_URL: z
		.string()
		.regex(/^(file:.+|postgres(ql)?:\/\/.+)/, 'must look like file:./data/qorgau.db or postgresql://user@host:5432/qorgau')
		.default('file:./data/qorgau.db'),
	// PostgreSQL only: connections each instance keeps open (decision 016).
	DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
	// Where generated files go (mail outbox, compiled lessons, a generated secret); beside the
	// SQLite file by default, ./data on PostgreSQL.
	DATA_DIR: z.string().min(1).optional(),
	// Who may read /metrics in a deployment: a bearer token; without one, loopback only.
	METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
	// One JSON line per request on standard output; on by default in a deployment (decision 016).
	LOG_REQUESTS: z.enum(['true', 'false', '1', '0']).optional(),
	// On SIGTERM, how long /readyz says 503 while requests are still served, so a load balancer
	// stops sending before the instance stops listening. 5 s by default in a deployment.
	SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(120_000).optional(),
	// How often this instance looks for due jobs (mail).
	JOB_POLL_MS: z.coerce.number().int().min(50).max(3_600_000).default(2000),
	PUBLIC_URL: z
		.string()
		.url()
		.refine((value) => /^https?:\/\//.test(value), 'must start with https:// or http://')
		.optional(),
	// Outside a deployment, links are built only for loopback hosts and these (host or host:port,
	// comma-separated): a Host header must never pick the address in a mailed link.
	ALLOWED_HOSTS: z
		.string()
		.optional()
		.transform((value) => (value ?? '').split(',').map((host) => host.trim().toLowerCase()).filter(Boolean)),
	QORGAU_DEPLOYMENT: flag,
	SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
	// The Ed25519 key that signs Open Badges credentials, as its 32-byte seed (decision 017).
	ISSUER_KEY_SEED: z
		.string()
		.regex(/^[0-9a-f]{64}$/i, 'must be 64 hexadecimal characters (openssl rand -hex 32)')
		.optional(),
	// Public keys (publicKeyMultibase, comma-separated) of earlier issuer keys: after a rotation
	// the DID document keeps them, so credentials signed before still verify.
	ISSUER_PREVIOUS_KEYS: z
		.string()
		.optional()
		.transform((value) => (value ?? '').split(',').map((key) => key.trim()).filter(Boolean))
		.pipe(z.array(z.string().regex(/^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/, 'must list Ed25519 publicKeyMultibase values (z6Mk…)'))),
	// The RSA key (PKCS#8 PEM, "\n" allowed for line breaks) that signs the LTI tool's messages
	// and grade-service requests; its public half is at /lti/jwks (decision 021).
	LTI_PRIVATE_KEY: z
		.string()
		.optional()
		.transform((value) => value?.replace(/\\n/g, '\n').trim())
		.refine((value) => value === undefined || isRsaPrivateKey(value), 'must be an RSA private key of at least 2048 bits in PKCS#8 PEM (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048)'),
	DEFAULT_LOCALE: z.enum(LOCALES).default('kk'),
	SEED_DEMO: flag,
	TRUST_PROXY: flag,
	COURSES_DIR: z.string().min(1).default('courses'),
	// Where "Exit now" goes: a neutral page that gives nothing away (a weather forecast).
	QUICK_EXIT_URL: z.string().url().default('https://www.gismeteo.kz/'),
	// Load shedding and body limits (docs/decisions/013-load-shedding-and-limits.md).
	MAX_CONCURRENT_REQUESTS: z.coerce.number().int().min(1).max(10_000).default(16),
	MAX_QUEUED_REQUESTS: z.coerce.number().int().min(0).max(100_000).default(128),
	MAX_BODY_KB: z.coerce.number().int().min(16).max(102_400).default(1024),
	// Worker processes serving the same SQLite file (production only; README "Performance").
	WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
	// xAPI delivery (decision 022): how long a sender holds statements it is sending before
	// another round (after a crash) may send them again.
	XAPI_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
	// Learning Record Stores must be https:// on a public address; true allows http:// and
	// private or loopback addresses (a store on the school's own network, tests).
	LRS_ALLOW_PRIVATE: flag,
})

export type Env = ReturnType<typeof parseEnv>

export class EnvError extends Error {}

/** Validates the raw environment; throws one EnvError that names everything wrong or missing. */
export function parseEnv(raw: Record<string, string | undefined>) {
	const result = schema.safeParse(raw)
	if (!result.success) {
		const problems = result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`)
		throw new EnvError(`Invalid environment: ${problems.join('; ')}`)
	}
	const env = result.data
	const isDeployment = env.QORGAU_DEPLOYMENT || env.PUBLIC_URL !== undefined
	if (isDeployment) {
		const missing = (['PUBLIC_URL', 'SESSION_SECRET', 'ISSUER_KEY_SEED'] as const).filter((name) => !env[name])
		if (missing.length > 0) {
			throw new EnvError(
				`This is a deployment (PUBLIC_URL or QORGAU_DEPLOYMENT is set), so these must be set too: ${missing.join(', ')}`,
			)
		}
	}
	const database = databaseTarget(env.DATABASE_URL, env.DATABASE_POOL_SIZE)
	const databasePath = database.engine === 'sqlite' ? database.path : undefined
	return {
		...env,
		isDeployment,
		database,
		/** The SQLite file; undefined on PostgreSQL. */
		databasePath,
		logRequests: env.LOG_REQUESTS === undefined ? isDeployment : env.LOG_REQUESTS === 'true' || env.LOG_REQUESTS === '1',
		shutdownDrainMs: env.SHUTDOWN_DRAIN_MS ?? (isDeployment ? 5000 : 0),
		dataDir: path.resolve(env.DATA_DIR ?? (databasePath ? path.dirname(databasePath) : 'data')),
		coursesDir: path.resolve(env.COURSES_DIR),
	}
}

export type DatabaseTarget = { engine: 'sqlite'; path: string } | { engine: 'postgresql'; url: string; poolSize: number }

export function databaseTarget(url: string, poolSize = 10): DatabaseTarget {
	return url.startsWith('file:')
		? { engine: 'sqlite', path: path.resolve(url.slice('file:'.length)) }
		: { engine: 'postgresql', url, poolSize }
}

let cached: Env | undefined
export function getEnv(): Env {
	cached ??= parseEnv(process.env)
	return cached
}

/** The secret that signs cookies. Only tests and development may run without one. */
export function sessionSecret(): string {
	const env = getEnv()
	if (env.SESSION_SECRET) return env.SESSION_SECRET
	if (env.NODE_ENV === 'production') throw new EnvError('SESSION_SECRET is not set')
	return 'qorgau-development-only-secret'
}

/** The seed of the key that signs credentials. Only tests and development may run without one. */
export function issuerKeySeed(): string {
	const env = getEnv()
	if (env.ISSUER_KEY_SEED) return env.ISSUER_KEY_SEED.toLowerCase()
	if (env.NODE_ENV === 'production') throw new EnvError('ISSUER_KEY_SEED is not set')
	// A fixed development key: anything it signs is worthless outside this machine.
	return '5167a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e'
}

function isRsaPrivateKey(pem: string): boolean {
	if (!pem.startsWith('-----BEGIN PRIVATE KEY-----')) return false
	try {
		const key = createPrivateKey(pem)
		return key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048
	} catch {
		return false
	}
}

/**
 * The LTI tool's private key, or null in a deployment that has not set LTI_PRIVATE_KEY (the LTI
 * routes then say LTI is not set up). Elsewhere the server makes one beside the database at start.
 */
export function ltiPrivateKey(): string | null {
	return getEnv().LTI_PRIVATE_KEY ?? null
}
