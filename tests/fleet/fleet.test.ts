// Several instances, one PostgreSQL (`npm run test:fleet`, decision 016): three production
// servers behind a reverse proxy (tests/setup/proxy.ts) on a throwaway cluster. Nothing that must
// be shared lives in one process: sessions, sign-ups, mail delivery, rate limits, scheduled jobs,
// writes under a SIGKILL, a rolling restart.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startCluster, type Cluster } from '../../prisma/tools/postgres-cluster.ts'
import { learnerFromSetCookie } from '../setup/learner-cookie.ts'
import { ROOT } from '../setup/paths.ts'
import { TMP_DIR } from '../setup/tmp.ts'
import { startProxy, type Proxy } from '../setup/proxy.ts'
import { startServer, type RunningServer } from '../setup/server.ts'

const COURSE = 'sample-course'
const PUBLIC_URL = 'http://qorgau.fleet.test'
const LESSONS = ['first-lesson', 'second-lesson', 'third-lesson']

let cluster: Cluster
let db: pg.Client
let proxy: Proxy
const instances: RunningServer[] = []
// Shared, as a deployment's volume would be: compiled lessons are reused by later instances, and
// every instance's delivered mail lands in one outbox.
let dataDir: string

function startInstance(): Promise<RunningServer> {
	return startServer({
		DATABASE_URL: cluster.url('qorgau'),
		PUBLIC_URL,
		SESSION_SECRET: 'fleet-test-secret-'.padEnd(40, 'x'),
		ISSUER_KEY_SEED: 'f1'.repeat(32),
		TRUST_PROXY: 'true',
		// Well above the proxy's 100 ms checks, even on a busy machine.
		SHUTDOWN_DRAIN_MS: '1500',
		JOB_POLL_MS: '100',
		DATA_DIR: dataDir,
		COURSES_DIR: path.join(ROOT, 'tests/fixtures/courses'),
	})
}

async function untilReady(url: string) {
	for (let tries = 0; tries < 100; tries++) {
		const ready = await fetch(`${url}/readyz`).then((r) => r.status === 200, () => false)
		if (ready) return
		await new Promise((resolve) => setTimeout(resolve, 100))
	}
	throw new Error(`${url} never became ready`)
}

beforeAll(async () => {
	dataDir = mkdtempSync(path.join(TMP_DIR, 'fleet-'))
	cluster = await startCluster({ fast: true })
	db = new pg.Client({ connectionString: cluster.url() })
	await db.connect()
	await db.query('CREATE DATABASE qorgau')
	await db.end()
	db = new pg.Client({ connectionString: cluster.url('qorgau') })
	await db.connect()
	proxy = await startProxy()
	// All three start at once on an empty database: the migration lock lets one migrate.
	instances.push(...(await Promise.all([startInstance(), startInstance(), startInstance()])))
	for (const instance of instances) proxy.add(instance.url)
	await Promise.all(instances.map((instance) => untilReady(instance.url)))
}, 300_000)

afterAll(async () => {
	await proxy?.stop()
	await Promise.all(instances.map((instance) => instance.stop()))
	await db?.end()
	cluster?.stop()
})

const form = (fields: Record<string, string>, cookie?: string): RequestInit => ({
	method: 'POST',
	body: new URLSearchParams(fields),
	headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
	redirect: 'manual',
})

describe('three instances on one PostgreSQL', () => {
	test('migrations ran once although three instances started together', async () => {
		const { rows } = await db.query<{ migration_name: string; n: string }>(
			'SELECT migration_name, count(*) AS n FROM _prisma_migrations GROUP BY migration_name',
		)
		expect(rows.length).toBeGreaterThan(0)
		expect(rows.every((row) => row.n === '1')).toBe(true)
		expect(instances.filter((instance) => /Applied migrations/.test(instance.output()))).toHaveLength(1)
	})

	test('a sign-up started on one instance finishes on another; its session works on all', async () => {
		const login = `fleet-${Date.now()}@example.org`
		const signup = await fetch(`${instances[0]!.url}/signup?lng=en`, form({ displayName: 'Fleet Test', login, password: 'a-long-enough-password' }))
		expect(signup.status).toBe(200)
		// Any instance's worker delivers the mail with the link.
		const link = await until(() => mailsTo(login).map((mail) => new RegExp(`${PUBLIC_URL}(/signup/[A-Za-z0-9_-]+)`).exec(mail)?.[1]).find(Boolean))
		const finish = await fetch(`${instances[1]!.url}${link}`, form({}))
		expect(finish.status).toBe(302)
		const session = finish.headers.getSetCookie().find((cookie) => cookie.startsWith('qs='))?.split(';')[0]
		expect(session).toBeDefined()
		for (const instance of instances) {
			const account = await fetch(`${instance.url}/account`, { headers: { Cookie: session! }, redirect: 'manual' })
			expect(account.status).toBe(200)
			expect(await account.text()).toContain('Fleet Test')
		}
	})

	test('each queued mail is delivered once, by one of the instances', async () => {
		const count = 30
		for (let i = 0; i < count; i++) {
			await db.query(`INSERT INTO "Job" (id, kind, payload, "runAt", "createdAt") VALUES ($1, 'mail', $2, now(), now())`, [
				`fleet-mail-${i}`,
				JSON.stringify({ to: `person-${i}@example.org`, subject: `Message ${i}`, text: 'Hello' }),
			])
		}
		for (let tries = 0; tries < 100; tries++) {
			const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM "Job" WHERE id LIKE 'fleet-mail-%' AND "doneAt" IS NULL`)
			if (rows[0]!.n === '0') break
			await new Promise((resolve) => setTimeout(resolve, 100))
		}
		const delivered = readdirSync(path.join(dataDir, 'outbox')).filter((file) => /^To: person-\d+@example\.org\n/.test(readFileSync(path.join(dataDir, 'outbox', file), 'utf8')))
		expect(delivered).toHaveLength(count)
		const { rows } = await db.query<{ payload: string; attempts: number }>(`SELECT payload, attempts FROM "Job" WHERE id LIKE 'fleet-mail-%'`)
		expect(rows.every((row) => row.payload === '{}' && row.attempts === 1)).toBe(true)
	})

	test('a sign-in backoff holds across instances: guesses spread over all three count together', async () => {
		const login = `fleet-limit-${Date.now()}`
		const signup = await fetch(`${proxy.url}/signup?lng=en`, form({ displayName: 'Limit Test', login, password: 'the-right-password' }))
		expect(signup.status).toBe(302)
		const answers: number[] = []
		// Round robin: each instance sees two of the six guesses.
		for (let i = 0; i < 6; i++) answers.push((await fetch(`${proxy.url}/login?lng=en`, form({ intent: 'account', login, password: `wrong-${i}` }))).status)
		// Five failures are free, then the account waits a minute, whichever instance is asked.
		expect(answers).toEqual([400, 400, 400, 400, 400, 429])
	})

	test('each recurring job is one row for the fleet, run by one instance at a time', async () => {
		const { rows } = await db.query<{ id: string }>(`SELECT id FROM "Job" WHERE kind <> 'mail' ORDER BY id`)
		// All three asked for each at start; one row of each kind exists.
		expect(rows.map((row) => row.id)).toEqual(['lti-nonce-sweep', 'lti-score-delivery', 'recertification-reminders', 'weekly-digests', 'xapi-delivery'])
		// The hourly ones ran and wait for the next hour, as on one instance.
		await until(
			async () =>
				(await db.query(`SELECT 1 FROM "Job" WHERE id IN ('recertification-reminders', 'lti-nonce-sweep') AND "claimedUntil" IS NULL AND "lastError" IS NULL AND "runAt" > now() + interval '50 minutes'`))
					.rows.length === 2 || undefined,
		)
	})
})

type Load = { acknowledged: { learnerId: string; lesson: string }[]; failures: string[]; stop(): Promise<void> }

/** Clients completing lessons through the proxy as new guests; what they were told is recorded. */
function writeLoad(clients: number, { failuresAllowed }: { failuresAllowed: boolean }): Load {
	const acknowledged: Load['acknowledged'] = []
	const failures: string[] = []
	let stopping = false
	const client = async () => {
		while (!stopping) {
			let cookie: string | undefined
			let learnerId: string | undefined
			for (const lesson of LESSONS) {
				const response = await fetch(`${proxy.url}/courses/${COURSE}/lessons/${lesson}`, form({ intent: 'complete' }, cookie)).catch(
					(error: unknown) => ({ status: 0, error }),
				)
				if (!(response instanceof Response) || response.status !== 302) {
					const detail = response instanceof Response ? await response.text() : String(response.error)
					failures.push(`${lesson}: ${response.status} ${detail.slice(0, 200)}`)
					if (!failuresAllowed) return
					break
				}
				const learner = learnerFromSetCookie(response.headers.getSetCookie())
				if (learner) ({ cookie, learnerId } = learner)
				acknowledged.push({ learnerId: learnerId!, lesson })
			}
		}
	}
	const running = Promise.all(Array.from({ length: clients }, client))
	return {
		acknowledged,
		failures,
		async stop() {
			stopping = true
			await running
		},
	}
}

/** Waits for a value (or true); the test's own timeout bounds the wait. */
async function until<T>(condition: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
	for (;;) {
		const value = await condition()
		if (value) return value
		await new Promise((resolve) => setTimeout(resolve, 20))
	}
}

function mailsTo(address: string): string[] {
	const outbox = path.join(dataDir, 'outbox')
	let files: string[] = []
	try {
		files = readdirSync(outbox)
	} catch {
		return []
	}
	return files.map((file) => readFileSync(path.join(outbox, file), 'utf8')).filter((mail) => mail.startsWith(`To: ${address}\n`))
}

async function lost(acknowledged: Load['acknowledged']) {
	const missing: string[] = []
	for (const { learnerId, lesson } of acknowledged) {
		const { rows } = await db.query(
			`SELECT 1 FROM "LessonProgress" WHERE "learnerId" = $1 AND "courseSlug" = $2 AND "lessonSlug" = $3 AND "completedAt" IS NOT NULL`,
			[learnerId, COURSE, lesson],
		)
		if (rows.length !== 1) missing.push(`${learnerId}/${lesson}`)
	}
	return missing
}

describe('failures and restarts', () => {
	test('SIGKILL of one instance under write load loses no acknowledged write', { timeout: 300_000 }, async () => {
		const load = writeLoad(8, { failuresAllowed: true })
		await until(() => load.acknowledged.length >= 30)
		const [victim] = instances.splice(1, 1)
		await victim!.kill()
		proxy.remove(victim!.url)
		const atKill = load.acknowledged.length
		await until(() => load.acknowledged.length >= atKill + 30)
		await load.stop()
		// Only requests in flight on the killed instance may fail (a 502 from the proxy).
		expect(load.failures.length).toBeLessThanOrEqual(8)
		expect(await lost(load.acknowledged)).toEqual([])
	})

	// The killed instance's replacement is the first of the three new ones: three starts, not four.
	test('a rolling restart back to three instances fails no request', { timeout: 600_000 }, async () => {
		const load = writeLoad(4, { failuresAllowed: false })
		const started = performance.now()
		const phase = (what: string) => console.log(`[fleet] ${((performance.now() - started) / 1000).toFixed(1)} s: ${what} (${load.acknowledged.length} acknowledged)`)
		const replacement = await startInstance()
		proxy.add(replacement.url)
		await untilReady(replacement.url)
		instances.push(replacement)
		phase('the killed instance is replaced')
		for (let i = 0; i < 2; i++) {
			const old = instances[i]!
			const next = await startInstance()
			proxy.add(next.url)
			await untilReady(next.url)
			phase(`instance ${i + 1}'s replacement is ready`)
			const before = load.acknowledged.length
			// SIGTERM: readiness fails, the proxy stops sending, requests in progress finish.
			await old.stop()
			proxy.remove(old.url)
			instances[i] = next
			phase(`instance ${i + 1} stopped`)
			await until(() => load.acknowledged.length >= before + 10 || load.failures.length > 0)
		}
		await load.stop()
		expect(load.failures).toEqual([])
		expect(load.acknowledged.length).toBeGreaterThan(30)
		expect(await lost(load.acknowledged)).toEqual([])
	})
})
