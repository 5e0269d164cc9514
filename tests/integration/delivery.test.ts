// How the production server delivers pages and files to a browser: compressed as the browser
// asks, browser files precompressed at build time, lesson bodies sent once as HTML (no code to
// evaluate, no 'unsafe-eval'), and the same answers from several worker processes.
import { mkdtempSync } from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { TMP_DIR } from '../setup/tmp.ts'
import { startServer, type RunningServer } from '../setup/server.ts'

const LESSON = '/courses/recognising-violence/lessons/forms-of-violence'
const databaseUrl = () => `file:${path.join(mkdtempSync(path.join(TMP_DIR, 'delivery-')), 'qorgau.db')}`

/** The raw bytes and headers: fetch() would undo the compression we want to see. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
	return new Promise((resolve, reject) => {
		http
			.get(url, { headers }, (response) => {
				const chunks: Buffer[] = []
				response.on('data', (chunk: Buffer) => chunks.push(chunk))
				response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }))
				response.on('error', reject)
			})
			.on('error', reject)
	})
}

const decoded = (response: { headers: http.IncomingHttpHeaders; body: Buffer }) => {
	const encoding = response.headers['content-encoding']
	return (encoding === 'br' ? zlib.brotliDecompressSync(response.body) : encoding === 'gzip' ? zlib.gunzipSync(response.body) : response.body).toString('utf8')
}

describe('one server process', () => {
	let server: RunningServer
	beforeAll(async () => {
		server = await startServer({ DATABASE_URL: databaseUrl() })
	})
	afterAll(() => server?.stop())

	test('pages come compressed as the browser accepts: brotli, else gzip, else not at all', async () => {
		const url = `${server.url}${LESSON}?lng=en`
		const br = await rawGet(url, { 'Accept-Encoding': 'gzip, deflate, br' })
		const gzip = await rawGet(url, { 'Accept-Encoding': 'gzip' })
		const identity = await rawGet(url, { 'Accept-Encoding': 'identity' })
		const none = await rawGet(url, { 'Accept-Encoding': 'br;q=0, gzip;q=0' })
		expect([br.headers['content-encoding'], gzip.headers['content-encoding'], identity.headers['content-encoding'], none.headers['content-encoding']]).toEqual(['br', 'gzip', undefined, undefined])
		expect(br.headers.vary).toContain('Accept-Encoding')
		expect(br.body.length).toBeLessThan(identity.body.length / 2)
		for (const response of [br, gzip, none]) expect(decoded(response)).toContain('</html>')
	})

	test('a lesson body is HTML sent once: not again in the loader data, and the policy has no unsafe-eval', async () => {
		const response = await fetch(`${server.url}${LESSON}?lng=en`)
		const html = await response.text()
		expect(response.headers.get('Content-Security-Policy')).not.toContain('unsafe-eval')
		const id = /data-lesson-body="([^"]+)"/.exec(html)?.[1]
		expect(id).toBeDefined()
		const body = /data-lesson-body="[^"]+">([\s\S]*?)<\/div><section class="lesson__sources"/.exec(html)?.[1] ?? ''
		// A sentence of the body's text appears exactly once in the document.
		const sentence = /<p>([^<]{40,})</.exec(body)?.[1]
		expect(sentence).toBeDefined()
		expect(html.split(sentence!).length - 1).toBe(1)
		// The body a client-side navigation fetches is the same HTML, under the same id.
		const fetched = await fetch(`${server.url}${LESSON}/body?lng=en`)
		expect(fetched.headers.get('X-Lesson-Body')).toBe(id)
		expect(await fetched.text()).toBe(body)
	})

	test('browser files are sent precompressed, byte for byte the same file, and revalidate with their ETag', async () => {
		const html = await (await fetch(`${server.url}${LESSON}`)).text()
		const asset = /<link rel="modulepreload" href="([^"]+\.js)"/.exec(html)?.[1]
		expect(asset).toMatch(/^\/assets\//)
		const plain = await rawGet(`${server.url}${asset}`)
		const br = await rawGet(`${server.url}${asset}`, { 'Accept-Encoding': 'gzip, deflate, br' })
		const gzip = await rawGet(`${server.url}${asset}`, { 'Accept-Encoding': 'gzip' })
		expect(plain.headers['content-encoding']).toBeUndefined()
		expect(br.headers['content-encoding']).toBe('br')
		expect(gzip.headers['content-encoding']).toBe('gzip')
		expect(decoded(br)).toBe(plain.body.toString('utf8'))
		expect(decoded(gzip)).toBe(plain.body.toString('utf8'))
		expect(br.headers['cache-control']).toContain('immutable')
		expect(br.headers['content-type']).toMatch(/javascript/)
		const again = await rawGet(`${server.url}${asset}`, { 'If-None-Match': String(br.headers.etag) })
		expect(again.status).toBe(304)
	})
})

describe('WEB_CONCURRENCY=2', () => {
	let server: RunningServer
	beforeAll(async () => {
		server = await startServer({ DATABASE_URL: databaseUrl(), WEB_CONCURRENCY: '2' })
		// Three processes start (the primary compiles the lessons first): on two busy cores, slow.
	}, 240_000)
	afterAll(() => server?.stop())

	test('two workers serve the same file; what one worker records every other one shows', async () => {
		expect(server.output()).toMatch(/Listening on http:\/\/localhost:\d+ \(2 workers\)/)
		const completed = await fetch(`${server.url}${LESSON}?lng=en`, {
			method: 'POST',
			body: new URLSearchParams({ intent: 'complete' }),
			headers: { Origin: server.url },
			redirect: 'manual',
		})
		expect(completed.status).toBe(302)
		const cookie = completed.headers.get('set-cookie')!.split(';')[0]!
		// Fresh connections each time: node:cluster hands them to the workers in turn.
		const pages = await Promise.all(
			Array.from({ length: 8 }, () => fetch(`${server.url}/courses/recognising-violence?lng=en`, { headers: { Cookie: cookie, Connection: 'close' } }).then((response) => response.text())),
		)
		for (const page of pages) expect(page).toMatch(/1 of \d+ lessons done/)
	})

	test('a rate limit counts the requests every worker answered: the eleventh sign-up from one address waits', async () => {
		// One connection per request: the workers take them in turn, so each saw about half.
		const signUp = (index: number) =>
			fetch(`${server.url}/signup?lng=en`, {
				method: 'POST',
				body: new URLSearchParams({ displayName: 'Ainur', login: `workers-${index}@example.org`, password: 'a-long-password' }),
				headers: { Origin: server.url, Connection: 'close' },
				redirect: 'manual',
			}).then((response) => response.status)
		const statuses: number[] = []
		for (let index = 0; index < 11; index++) statuses.push(await signUp(index))
		expect(statuses).toEqual([...Array.from({ length: 10 }, () => 200), 429])
	})
})
