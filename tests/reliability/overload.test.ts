// Overload: at four times the 64 connections of the chaos suite, the production server slows
// down or answers 503 with Retry-After (a translated page), never anything else; every write it
// acknowledged is stored exactly once; it answers normally as soon as the load is gone. The
// queue and the 503 are also shown deterministically on a server with room for one request.
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { LOCALES, type Locale } from '~/config/i18n.ts'
import { ROOT } from '../setup/paths.ts'
import { TMP_DIR } from '../setup/tmp.ts'
import { freshDatabase } from '../setup/database.ts'
import { learnerFromSetCookie } from '../setup/learner-cookie.ts'
import { rawRequest, type RawAnswer } from '../setup/raw-http.ts'
import { seededRandom } from '../setup/random.ts'
import { startServer, type RunningServer } from '../setup/server.ts'
import { baselineFrom, untranslatedReason, type Baseline } from '../setup/translated.ts'

const CONNECTIONS = 4 * 64
const REQUESTS_PER_CONNECTION = 12
const COURSE = 'sample-course'
const LESSONS = ['first-lesson', 'second-lesson', 'third-lesson']
const SECRET = 'overload-suite-secret-'.padEnd(48, 'o')
const FIXTURES = path.join(ROOT, 'tests/fixtures/courses')

async function baselineOf(url: string): Promise<Baseline> {
	const pages = {} as Record<Locale, string>
	for (const locale of LOCALES) pages[locale] = await (await fetch(`${url}/?lng=${locale}`)).text()
	return baselineFrom(pages)
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0

describe(`${CONNECTIONS} connections against the default limits`, () => {
	let server: RunningServer
	let databasePath: string
	let baseline: Baseline

	beforeAll(async () => {
		databasePath = freshDatabase()
		server = await startServer({ DATABASE_URL: `file:${databasePath}`, SESSION_SECRET: SECRET, COURSES_DIR: FIXTURES })
		baseline = await baselineOf(server.url)
	})
	afterAll(() => server?.stop())

	test('slower or 503 with Retry-After, nothing else; no acknowledged write lost; recovers', { timeout: 120_000 }, async () => {
		const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS })
		const statuses = new Map<number, number>()
		const problems: string[] = []
		const latencies: number[] = []
		const acknowledged: { learnerId: string; lesson: string }[] = []
		const started = performance.now()

		const client = async (id: number) => {
			const random = seededRandom(7000 + id)
			const locale = random.pick(LOCALES)
			let cookie: string | null = null
			let learnerId: string | null = null
			for (let n = 0; n < REQUESTS_PER_CONNECTION; n++) {
				const lesson = random.pick(LESSONS)
				const write = random.chance(0.4)
				const headers: Record<string, string> = { 'Accept-Language': locale, ...(cookie ? { Cookie: cookie } : {}) }
				const request = write
					? { method: 'POST', path: `/courses/${COURSE}/lessons/${lesson}`, headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, body: Buffer.from('intent=complete'), agent }
					: { method: 'GET', path: random.pick([`/courses/${COURSE}/lessons/${lesson}`, `/courses/${COURSE}`, '/courses', '/']), headers, agent }
				const sent = performance.now()
				let answer: RawAnswer
				try {
					answer = await rawRequest(server.url, request, 60_000)
				} catch (error) {
					problems.push(`client ${id}: no answer (${String(error)})`)
					continue
				}
				latencies.push(performance.now() - sent)
				statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
				if (answer.status === 503) {
					if (!/^\d+$/.test(String(answer.headers['retry-after']))) problems.push(`503 without Retry-After`)
					const reason = untranslatedReason(answer.body, locale, baseline)
					if (reason) problems.push(`503 not translated: ${reason}`)
					continue
				}
				if (answer.status >= 400) {
					problems.push(`${request.method} ${request.path}: ${answer.status}`)
					continue
				}
				if (!write) continue
				const learner = learnerFromSetCookie(answer.headers['set-cookie'] ?? [])
				if (learner) ({ cookie, learnerId } = learner)
				if (answer.status === 302 && learnerId) acknowledged.push({ learnerId, lesson })
			}
		}
		await Promise.all(Array.from({ length: CONNECTIONS }, (_, id) => client(id)))
		const seconds = (performance.now() - started) / 1000
		agent.destroy()

		// Recovery: with the load gone, an ordinary visitor is served at once.
		const recoveryStarted = performance.now()
		const after = await fetch(`${server.url}/courses/${COURSE}?lng=en`)
		const recoveryMs = performance.now() - recoveryStarted
		expect(after.status).toBe(200)

		const sorted = latencies.sort((a, b) => a - b)
		const served = [...statuses].filter(([status]) => status < 400).reduce((sum, [, count]) => sum + count, 0)
		console.log(
			`[overload] ${CONNECTIONS} connections × ${REQUESTS_PER_CONNECTION} requests in ${seconds.toFixed(1)} s: ` +
				`served ${served}, 503 ${statuses.get(503) ?? 0}, other ${problems.length}; ` +
				`latency p50 ${Math.round(percentile(sorted, 50))} ms, p95 ${Math.round(percentile(sorted, 95))} ms, max ${Math.round(sorted.at(-1) ?? 0)} ms; ` +
				`${acknowledged.length} acknowledged writes; first request after the load ${Math.round(recoveryMs)} ms`,
		)
		expect(problems.slice(0, 10)).toEqual([])

		const db = new Database(databasePath, { readonly: true })
		expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
		const stored = db.prepare<[string, string, string], { n: number }>('SELECT count(*) AS n FROM LessonProgress WHERE learnerId = ? AND courseSlug = ? AND lessonSlug = ? AND completedAt IS NOT NULL')
		const missing = acknowledged.filter(({ learnerId, lesson }) => stored.get(learnerId, COURSE, lesson)!.n !== 1)
		db.close()
		expect(missing).toEqual([])
		expect(acknowledged.length).toBeGreaterThan(0)
	})
})

/** A POST that has sent only half its body: it holds its place in the server until finished. */
function halfSentPost(url: string): Promise<{ finish: () => Promise<RawAnswer> }> {
	const { hostname, port } = new URL(url)
	return new Promise((resolve, reject) => {
		const socket = net.connect(Number(port), hostname, () => {
			socket.write(`POST /safety HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 11\r\nConnection: close\r\n\r\ndiscr`)
			let raw = ''
			const answered = new Promise<RawAnswer>((done) => {
				socket.on('data', (chunk: Buffer) => (raw += chunk.toString()))
				socket.on('end', () => done({ status: Number(raw.split(' ')[1]), headers: {}, body: raw }))
			})
			resolve({
				finish: () => {
					socket.write('eet=on')
					return answered
				},
			})
		})
		socket.on('error', reject)
	})
}

describe('room for one request', () => {
	let server: RunningServer
	let baseline: Baseline

	beforeAll(async () => {
		server = await startServer({
			DATABASE_URL: `file:${path.join(TMP_DIR, `overload-one-${Date.now()}.db`)}`,
			SESSION_SECRET: SECRET,
			COURSES_DIR: FIXTURES,
			MAX_CONCURRENT_REQUESTS: '1',
			MAX_QUEUED_REQUESTS: '1',
		})
		baseline = await baselineOf(server.url)
	})
	afterAll(() => server?.stop())

	test('the next request waits its turn, the one after is refused with a translated 503 and Retry-After', async () => {
		const holder = await halfSentPost(server.url)
		// Two more while the one place is taken: one waits in the queue, the other is refused at once.
		const two = [0, 1].map((index) => rawRequest(server.url, { method: 'GET', path: '/help?lng=ru', agent: new http.Agent() }).then((answer) => ({ index, answer })))
		const first = await Promise.race(two)
		expect(first.answer.status).toBe(503)
		expect(first.answer.headers['retry-after']).toBe('5')
		expect(untranslatedReason(first.answer.body, 'ru', baseline)).toBeNull()
		expect(first.answer.body).toContain('Сейчас слишком много запросов')

		// The held request finishes; the queued one is served; then anyone is.
		expect((await holder.finish()).status).toBe(302)
		expect((await two[1 - first.index]!).answer.status).toBe(200)
		expect((await fetch(`${server.url}/help`)).status).toBe(200)
	})
})
