// The production build as `npm start` serves it: locales, 404s, health, and refusing bad setups.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { databaseTarget } from '~/utils/env.server.ts'
import { createPrismaClient } from '~/utils/prisma-client.server.ts'
import { ROOT } from '../setup/paths.ts'
import { TMP_DIR } from '../setup/tmp.ts'
import { startServer, startServerExpectingFailure, type RunningServer } from '../setup/server.ts'

const dataDir = () => mkdtempSync(path.join(TMP_DIR, 'server-'))
const htmlLang = (html: string) => /<html lang="([a-z]+)"/.exec(html)?.[1]
const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1]

describe('a fresh start with no environment', () => {
	let server: RunningServer
	let databaseUrl: string

	beforeAll(async () => {
		databaseUrl = `file:${path.join(dataDir(), 'qorgau.db')}`
		server = await startServer({ DATABASE_URL: databaseUrl })
	})
	afterAll(() => server?.stop())

	test('migrates, seeds the demo school and generates a session secret, saying so', () => {
		expect(server.output()).toMatch(/Applied migrations: \d+_init/)
		expect(server.output()).toMatch(/added the demo school/)
		expect(server.output()).toMatch(/generated one in .*session-secret/)
		expect(server.output()).toMatch(/No ISSUER_KEY_SEED set: generated one in .*issuer-key-seed/)
	})

	test.each([
		['kk', 'Зорлық-зомбылықты тануды'],
		['ru', 'Научитесь распознавать насилие'],
		['en', 'Learn to recognise violence'],
	])('/?lng=%s renders in that language and remembers it', async (locale, heading) => {
		const response = await fetch(`${server.url}/?lng=${locale}`)
		expect(response.status).toBe(200)
		const html = await response.text()
		expect(htmlLang(html)).toBe(locale)
		expect(html).toContain(heading)
		expect(html).toContain(`<link rel="alternate" hrefLang="${locale}" href="${server.url}/?lng=${locale}"/>`)
		const cookie = response.headers.get('set-cookie')!.split(';')[0]!
		const again = await fetch(`${server.url}/`, { headers: { Cookie: cookie } })
		expect(htmlLang(await again.text())).toBe(locale)
	})

	test('without a choice, the browser language and then Kazakh are used', async () => {
		const russian = await fetch(`${server.url}/`, { headers: { 'Accept-Language': 'de, ru;q=0.9' } })
		expect(htmlLang(await russian.text())).toBe('ru')
		const unknown = await fetch(`${server.url}/?lng=fr`, { headers: { 'Accept-Language': 'fr' } })
		expect(unknown.status).toBe(200)
		expect(htmlLang(await unknown.text())).toBe('kk')
	})

	test('/healthz answers 200 when the database answers', async () => {
		const response = await fetch(`${server.url}/healthz`)
		expect(response.status).toBe(200)
		expect(await response.text()).toBe('OK')
	})

	test('liveness and readiness answer apart from /healthz', async () => {
		expect((await fetch(`${server.url}/livez`)).status).toBe(200)
		const ready = await fetch(`${server.url}/readyz`)
		expect(ready.status).toBe(200)
		expect(ready.headers.get('Cache-Control')).toBe('no-store')
	})

	test('/metrics answers loopback clients directly, and nobody through a proxy', async () => {
		await fetch(`${server.url}/courses`)
		const direct = await fetch(`${server.url}/metrics`)
		expect(direct.status).toBe(200)
		const text = await direct.text()
		expect(text).toMatch(/qorgau_http_requests_total\{[^}]*method="GET"[^}]*status="200"/)
		for (const name of ['qorgau_http_request_duration_seconds_bucket', 'qorgau_requests_in_progress', 'qorgau_requests_queued', 'qorgau_job_backlog']) {
			expect(text).toContain(name)
		}
		const relayed = await fetch(`${server.url}/metrics`, { headers: { 'X-Forwarded-For': '203.0.113.9' } })
		expect(relayed.status).toBe(404)
		expect(await relayed.text()).not.toContain('qorgau_')
	})

	test.each([
		['/no-such-page?lng=en', 'Page not found — Qorgau'],
		['/no-such-page?lng=ru', 'Страница не найдена — Qorgau'],
		['/no/such/page?lng=kk', 'Бет табылмады — Qorgau'],
	])('an unknown path %s gets the translated 404 page', async (url, expected) => {
		const response = await fetch(`${server.url}${url}`)
		expect(response.status).toBe(404)
		expect(title(await response.text())).toBe(expected)
	})

	test.each(['/%', '/%E0%A4%A', '/courses/%ZZ/lessons/x', '/assets/%', '/?lng=%ZZ', '/..%2f..%2fetc%2fpasswd', '/x?a=%'])(
		'a malformed URL %s never answers 500',
		async (url) => {
			const response = await fetch(`${server.url}${url}`)
			expect(response.status).toBeLessThan(500)
			expect(htmlLang(await response.text())).toBeDefined()
		},
	)

	test('a form posted to a page without an action gets a translated 4xx', async () => {
		const response = await fetch(`${server.url}/?lng=en`, { method: 'POST', body: new URLSearchParams({ a: '1' }) })
		expect(response.status).toBe(405)
		expect(await response.text()).toContain('Something in the request was wrong')
	})

	test.each([
		'/',
		'/courses',
		'/courses/recognising-violence',
		'/courses/recognising-violence/lessons/forms-of-violence',
		'/courses/recognising-violence/quiz',
		'/help',
		'/safety',
		'/about',
		'/login',
		'/signup',
		'/reset-password',
		'/no-such-page',
	])('%s carries the security headers and is never cached', async (url) => {
		const response = await fetch(`${server.url}${url}?lng=en`)
		expect(response.status).toBeLessThan(500)
		const csp = response.headers.get('Content-Security-Policy') ?? ''
		const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
		expect(nonce).toBeDefined()
		expect(csp).toContain("frame-ancestors 'none'")
		expect(await response.text()).toContain(`nonce="${nonce}"`)
		expect(response.headers.get('Cache-Control')).toBe('no-store')
		expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
		expect(response.headers.get('Referrer-Policy')).toBe('same-origin')
		expect(response.headers.get('X-Frame-Options')).toBe('DENY')
		expect(response.headers.get('Permissions-Policy')).toContain('camera=()')
	})

	test('personal pages send anonymous visitors to sign in', async () => {
		const response = await fetch(`${server.url}/account`, { redirect: 'manual' })
		expect(response.status).toBe(302)
		expect(response.headers.get('Location')).toBe('/login?redirectTo=%2Faccount')
	})

	test('a post from another site gets a translated 403 and changes nothing', async () => {
		const response = await fetch(`${server.url}/safety?lng=ru`, {
			method: 'POST',
			body: new URLSearchParams({ discreet: 'on' }),
			headers: { Origin: 'https://evil.example', Cookie: 'lng=InJ1Ig%3D%3D' },
			redirect: 'manual',
		})
		expect(response.status).toBe(403)
		expect(response.headers.get('Set-Cookie')).toBeNull()
		expect(await response.text()).toContain('Эта форма отправлена с другого сайта')
	})

	test('a second start applies no migration twice and seeds nothing more', async () => {
		const second = await startServer({ DATABASE_URL: databaseUrl, PORT: '0' })
		await second.stop()
		expect(second.output()).toMatch(/Database schema is up to date/)
		expect(second.output()).not.toMatch(/Applied migrations|demo school|generated one/)
	})
})

describe('refusing to start', () => {
	// These need no real courses: the small fixtures keep start-up (and its lesson warm-up) quick.
	const FIXTURES = path.join(ROOT, 'tests/fixtures/courses')

	test('an unwritable database path stops start-up with a clear message', async () => {
		const blocker = path.join(dataDir(), 'not-a-directory')
		writeFileSync(blocker, '')
		const result = await startServerExpectingFailure({ DATABASE_URL: `file:${blocker}/qorgau.db`, COURSES_DIR: FIXTURES })
		expect(result.code).toBe(1)
		expect(result.output).toMatch(/Cannot start: Cannot use the database at .*not-a-directory\/qorgau\.db .*Set DATABASE_URL to a writable file/)
	})

	test('with several workers, the first one’s failure to prepare stops start-up with its message', async () => {
		const file = path.join(dataDir(), 'q.db')
		writeFileSync(file, 'not a database, only text long enough to look like a file header')
		const result = await startServerExpectingFailure({ DATABASE_URL: `file:${file}`, COURSES_DIR: FIXTURES, WEB_CONCURRENCY: '2' })
		expect(result.code).toBe(1)
		expect(result.output).toMatch(/Cannot start/)
		expect(result.output).not.toMatch(/Listening/)
	})

	test('a deployment without SESSION_SECRET or ISSUER_KEY_SEED names what is missing', async () => {
		const result = await startServerExpectingFailure({
			DATABASE_URL: `file:${path.join(dataDir(), 'q.db')}`,
			PUBLIC_URL: 'https://qorgau.example.org',
			COURSES_DIR: FIXTURES,
		})
		expect(result.code).toBe(1)
		expect(result.output).toMatch(/Cannot start: .*must be set too: SESSION_SECRET, ISSUER_KEY_SEED/)
	})

	// Two starts of a fresh database: slower than the rest of this file.
	test('the issuer key is made once and kept; the reminders job runs at start (decision 017)', { timeout: 120_000 }, async () => {
		const dir = dataDir()
		const env = { DATABASE_URL: `file:${path.join(dir, 'q.db')}`, COURSES_DIR: FIXTURES }
		const first = await startServer(env)
		const didBefore = await (await fetch(`${first.url}/.well-known/did.json`)).json()
		await first.stop()
		// A certificate expiring in ten days, written while the server is down.
		const db = createPrismaClient(databaseTarget(env.DATABASE_URL))
		await db.user.create({
			data: {
				displayName: 'Dana',
				email: 'remind@example.org',
				locale: 'en',
				certificates: { create: { code: 'AAAA-BBBB-CCCC-DDDD-EEEE', holderName: 'Dana', courseSlug: 'sample-course', courseVersion: '2', locale: 'en', issuedAt: new Date(Date.now() - 355 * 86_400_000), expiresAt: new Date(Date.now() + 10 * 86_400_000) } },
			},
		})
		await db.$disconnect()
		const second = await startServer(env)
		const didAfter = await (await fetch(`${second.url}/.well-known/did.json`)).json()
		// The job's first run starts with the server and may finish just after it listens; its
		// mail is a job of its own, delivered by the worker's next turn.
		const outbox = () => {
			try {
				return readdirSync(path.join(dir, 'outbox'))
			} catch {
				return []
			}
		}
		for (let waited = 0; !(/recertification reminders: sent/.test(second.output()) && outbox().length > 0) && waited < 30_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100))
		await second.stop()
		expect(didAfter.verificationMethod[0].publicKeyMultibase).toBe(didBefore.verificationMethod[0].publicKeyMultibase)
		expect(second.output()).not.toMatch(/issuer-key-seed/)
		expect(second.output()).toMatch(/recertification reminders: sent 1/)
		const mails = outbox().map((file) => readFileSync(path.join(dir, 'outbox', file), 'utf8'))
		expect(mails).toEqual([expect.stringMatching(/^To: remind@example.org\nSubject: A reminder from Qorgau\n/)])
	})

	test('a deployment without PUBLIC_URL refuses to start: its links must not come from Host headers', async () => {
		const result = await startServerExpectingFailure({
			DATABASE_URL: `file:${path.join(dataDir(), 'q.db')}`,
			QORGAU_DEPLOYMENT: 'true',
			SESSION_SECRET: 'a'.repeat(40),
			ISSUER_KEY_SEED: 'a1'.repeat(32),
			COURSES_DIR: FIXTURES,
		})
		expect(result.code).toBe(1)
		expect(result.output).toMatch(/Cannot start: .*must be set too: PUBLIC_URL$/m)
	})

	test('a deployment does not get demo content', async () => {
		const server = await startServer({
			DATABASE_URL: `file:${path.join(dataDir(), 'q.db')}`,
			QORGAU_DEPLOYMENT: 'true',
			PUBLIC_URL: 'https://qorgau.example.org',
			SESSION_SECRET: 'a'.repeat(40),
			ISSUER_KEY_SEED: 'b'.repeat(64),
			COURSES_DIR: FIXTURES,
			SHUTDOWN_DRAIN_MS: '0',
		})
		await server.stop()
		expect(server.output()).not.toMatch(/demo school|session-secret|issuer-key-seed/)
	})
})

describe('a deployment as one of a fleet', () => {
	const FIXTURES = path.join(TMP_DIR, '..', 'fixtures', 'courses')
	const TOKEN = 'metrics-token-for-the-test'
	let server: RunningServer

	beforeAll(async () => {
		server = await startServer({
			DATABASE_URL: `file:${path.join(dataDir(), 'q.db')}`,
			QORGAU_DEPLOYMENT: 'true',
			PUBLIC_URL: 'https://qorgau.example.org',
			SESSION_SECRET: 'b'.repeat(40),
			ISSUER_KEY_SEED: 'c'.repeat(64),
			METRICS_TOKEN: TOKEN,
			SHUTDOWN_DRAIN_MS: '300',
			COURSES_DIR: FIXTURES,
		})
	})
	afterAll(() => server?.stop())

	test('/metrics needs the token, even from loopback', async () => {
		expect((await fetch(`${server.url}/metrics`)).status).toBe(404)
		expect((await fetch(`${server.url}/metrics`, { headers: { Authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(404)
		const allowed = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })
		expect(allowed.status).toBe(200)
		expect(await allowed.text()).toContain('qorgau_http_requests_total')
	})

	test('one JSON line per request, with its id and no personal data', async () => {
		const response = await fetch(`${server.url}/certificates/QRG-SECRET-CODE-123?email=aigerim@example.org`, {
			headers: { 'X-Request-Id': 'proxy-id-42', Cookie: 'qs=session-token-value' },
			redirect: 'manual',
		})
		expect(response.headers.get('X-Request-Id')).toBe('proxy-id-42')
		await response.text()
		const generated = await fetch(`${server.url}/courses`)
		const generatedId = generated.headers.get('X-Request-Id')
		expect(generatedId).toMatch(/^[0-9a-f-]{36}$/)
		// The line is written when the answer finishes; give the log a moment to arrive.
		await expect.poll(() => server.output().includes(generatedId!)).toBe(true)
		const lines = server
			.output()
			.split('\n')
			.filter((line) => line.startsWith('{'))
			.map((line) => JSON.parse(line) as Record<string, unknown>)
		const line = lines.find((entry) => entry.requestId === 'proxy-id-42')
		expect(line).toMatchObject({ msg: 'request', method: 'GET', path: '/certificates/:param', status: response.status })
		expect(typeof line!.durationMs).toBe('number')
		expect(server.output()).not.toMatch(/QRG-SECRET|aigerim|session-token-value/)
	})
})

describe('stopping gracefully', () => {
	test('SIGTERM fails readiness first, still serves while draining, then exits cleanly', { timeout: 120_000 }, async () => {
		const server = await startServer({
			DATABASE_URL: `file:${path.join(dataDir(), 'q.db')}`,
			SHUTDOWN_DRAIN_MS: '1500',
			COURSES_DIR: path.join(TMP_DIR, '..', 'fixtures', 'courses'),
		})
		expect((await fetch(`${server.url}/readyz`)).status).toBe(200)
		const stopped = server.stop()
		await expect.poll(async () => (await fetch(`${server.url}/readyz`)).status).toBe(503)
		const page = await fetch(`${server.url}/courses`)
		expect(page.status).toBe(200)
		expect(page.headers.get('Connection')).toBe('close')
		await stopped
		expect(server.output()).toMatch(/Stopping: draining for 1500 ms/)
	})
})
