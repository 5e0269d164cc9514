// Regression tests for the outside attack of issue 15, against the production server: each
// finding as the attacker sent it (decision 010).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ROOT } from '../setup/paths.ts'
import { TMP_DIR } from '../setup/tmp.ts'
import { rawRequest } from '../setup/raw-http.ts'
import { startServer, type RunningServer } from '../setup/server.ts'

const FIXTURES = path.join(ROOT, 'tests/fixtures/courses')
const SECRET = 's'.repeat(40)

function form(fields: Record<string, string>) {
	return Buffer.from(new URLSearchParams(fields).toString())
}
const formHeaders = (extra: Record<string, string>) => ({ 'Content-Type': 'application/x-www-form-urlencoded', ...extra })

function outbox(dataDir: string): string[] {
	const dir = path.join(dataDir, 'outbox')
	try {
		return readdirSync(dir)
			.sort()
			.map((file) => readFileSync(path.join(dir, file), 'utf8'))
	} catch {
		return []
	}
}

/** Mail is a job (decision 016): the server's worker writes it a moment after the answer. */
async function outboxAfter(dataDir: string, before: number): Promise<string[]> {
	for (let waited = 0; outbox(dataDir).length <= before && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50))
	return outbox(dataDir)
}

describe('outside a deployment (the demo school)', () => {
	let server: RunningServer
	let dataDir: string
	let host: string

	beforeAll(async () => {
		dataDir = mkdtempSync(path.join(TMP_DIR, 'security-'))
		server = await startServer({ DATABASE_URL: `file:${path.join(dataDir, 'q.db')}`, COURSES_DIR: FIXTURES })
		host = new URL(server.url).host
	})
	afterAll(() => server?.stop())

	const pupilSignIn = (redirectTo: string) =>
		rawRequest(server.url, {
			method: 'POST',
			path: '/login',
			headers: formHeaders({ Host: host, Origin: server.url }),
			body: form({ intent: 'pupil', orgCode: 'DEMO1', username: 'madina', pin: '2468', redirectTo }),
		})

	test.each(['/\t/evil.example/', '/\n/evil.example/', '//evil.example/', '/\\evil.example'])('signing in with redirectTo %j lands where no redirectTo would, never elsewhere and never a 500', async (redirectTo) => {
		const answer = await pupilSignIn(redirectTo)
		expect(answer.status).toBe(302)
		// The landing after signing in (issue 21): a path of this site, the same as without one.
		const landing = (await pupilSignIn('')).headers.location
		expect(landing).toMatch(/^\/[a-z]/)
		expect(answer.headers.location).toBe(landing)
	})

	test('a safe redirectTo is kept', async () => {
		expect((await pupilSignIn('/courses?x=1')).headers.location).toBe('/courses?x=1')
	})

	test('GET /login?redirectTo=… plants only a path of this site in the forms', async () => {
		const evil = await (await fetch(`${server.url}/login?lng=en&redirectTo=${encodeURIComponent('/\t/evil.example/')}`)).text()
		expect(evil.match(/name="redirectTo" value=""/g)).toHaveLength(2)
		const fine = await (await fetch(`${server.url}/login?lng=en&redirectTo=${encodeURIComponent('/account')}`)).text()
		expect(fine.match(/name="redirectTo" value="\/account"/g)).toHaveLength(2)
	})

	test('a forged Host and Origin with a port is a 4xx or an ordinary answer, never a 500', async () => {
		const forged: Record<string, string>[] = [
			{ Host: 'evil.example:80', Origin: 'http://evil.example:80' },
			{ Host: 'evil.example:8080', Origin: 'http://evil.example:8080' },
			{ Host: host, Origin: server.url, 'X-Forwarded-Host': 'evil.example' },
			{ Host: 'evil.example:80', Origin: 'http://evil.example' },
			{ Host: host, Origin: 'null' },
			{ Host: host, Origin: 'not a url' },
		]
		for (const headers of forged) {
			const answer = await rawRequest(server.url, { method: 'POST', path: '/reset-password?lng=en', headers: formHeaders(headers), body: form({ email: 'nobody@example.org' }) })
			expect(answer.status, JSON.stringify(headers)).toBeLessThan(500)
		}
		const crossSite = await rawRequest(server.url, { method: 'POST', path: '/reset-password?lng=en', headers: formHeaders({ Host: host, Origin: 'http://evil.example:80' }), body: form({ email: 'nobody@example.org' }) })
		expect(crossSite.status).toBe(403)
		expect(crossSite.body).toContain('<html lang="en"')
	})

	test('a reset asked for with a forged Host mails a link to this machine, not to the Host', async () => {
		const before = outbox(dataDir).length
		const answer = await rawRequest(server.url, {
			method: 'POST',
			path: '/reset-password',
			headers: formHeaders({ Host: 'evil.example', Origin: 'http://evil.example' }),
			body: form({ email: 'teacher@example.org' }),
		})
		expect(answer.status).toBe(302)
		const mails = await outboxAfter(dataDir, before)
		expect(mails).toHaveLength(before + 1)
		expect(mails.at(-1)).toMatch(/http:\/\/localhost\/reset-password\//)
		expect(mails.at(-1)).not.toContain('evil.example')
	})

	test('static assets are served with nosniff', async () => {
		const page = await (await fetch(`${server.url}/login`)).text()
		const asset = /\/assets\/[^"]+\.js/.exec(page)![0]
		const response = await fetch(`${server.url}${asset}`)
		expect(response.status).toBe(200)
		expect(response.headers.get('x-content-type-options')).toBe('nosniff')
	})

	test('every id on /login is unique (the two honeypots too)', async () => {
		const page = await (await fetch(`${server.url}/login?lng=en`)).text()
		const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1])
		expect(page.match(/name="website"/g)).toHaveLength(2)
		expect(ids.length).toBeGreaterThan(5)
		expect(new Set(ids).size).toBe(ids.length)
	})

	test('an ordinary 403 is answered, not logged', async () => {
		const signedIn = await pupilSignIn('/')
		const cookie = (signedIn.headers['set-cookie'] ?? []).map((header) => header.split(';')[0]).join('; ')
		const before = server.output().length
		for (const page of ['/orgs/demo-school', '/orgs/demo-school/members', '/orgs/demo-school/certificates/export']) {
			expect((await fetch(`${server.url}${page}`, { headers: { Cookie: cookie } })).status).toBe(403)
		}
		expect(server.output().slice(before)).not.toMatch(/ErrorResponse|Error:|403/)
	})

	test("no page carries 'unsafe-eval', lesson pages included", async () => {
		const policy = async (page: string) => (await fetch(`${server.url}${page}`)).headers.get('content-security-policy') ?? ''
		for (const page of ['/', '/login', '/courses', '/courses/sample-course', '/verify', '/courses/sample-course/lessons/first-lesson']) {
			const header = await policy(page)
			expect(header, page).toContain("script-src 'self' 'nonce-")
			expect(header, page).not.toContain('unsafe-eval')
		}
	})
})

describe('in a deployment', () => {
	let server: RunningServer
	let dataDir: string
	const PUBLIC = 'https://qorgau.example.org'

	beforeAll(async () => {
		dataDir = mkdtempSync(path.join(TMP_DIR, 'security-deployed-'))
		server = await startServer({ DATABASE_URL: `file:${path.join(dataDir, 'q.db')}`, COURSES_DIR: FIXTURES, PUBLIC_URL: PUBLIC, SESSION_SECRET: SECRET, ISSUER_KEY_SEED: 'a1'.repeat(32) })
	})
	afterAll(() => server?.stop())

	test('every cookie is Secure, the language cookie too', async () => {
		const response = await fetch(`${server.url}/?lng=ru`)
		const cookies = response.headers.getSetCookie()
		expect(cookies.some((cookie) => cookie.startsWith('lng='))).toBe(true)
		for (const cookie of cookies) expect(cookie).toMatch(/; Secure/)
	})

	test('mailed links come from PUBLIC_URL whatever the Host header says', async () => {
		const before = outbox(dataDir).length
		const answer = await rawRequest(server.url, {
			method: 'POST',
			path: '/signup?lng=en',
			headers: formHeaders({ Host: 'evil.example', Origin: PUBLIC }),
			body: form({ displayName: 'Ainur', login: 'ainur@example.org', password: 'a-long-password' }),
		})
		expect(answer.status).toBe(200)
		const mail = (await outboxAfter(dataDir, before)).at(-1)!
		expect(mail).toContain(`${PUBLIC}/signup/`)
		expect(mail).not.toContain('evil.example')
	})

	test('a post whose Origin is the forged Host is refused with a translated 403', async () => {
		const answer = await rawRequest(server.url, {
			method: 'POST',
			path: '/reset-password?lng=en',
			headers: formHeaders({ Host: 'evil.example:80', Origin: 'http://evil.example:80' }),
			body: form({ email: 'someone@example.org' }),
		})
		expect(answer.status).toBe(403)
		expect(answer.body).toContain('<html lang="en"')
	})
})
