// Crash durability (`npm run test:chaos`): the production server is killed with SIGKILL 20 times
// while 64 clients complete lessons and submit quizzes; every write that got a success answer
// must be in the SQLite file exactly once, the file must pass integrity_check, and the server
// must start cleanly after every kill. Counts and the seed are fixed, so runs are comparable.
import { mkdtempSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { expect, test } from 'vitest'
import { learnerFromSetCookie } from '../setup/learner-cookie.ts'
import { ROOT } from '../setup/paths.ts'
import { TMP_DIR } from '../setup/tmp.ts'
import { seededRandom } from '../setup/random.ts'
import { startServer, type RunningServer } from '../setup/server.ts'

const ROUNDS = 20
const CLIENTS = 64
/** Each round ends (SIGKILL) once this many more writes were acknowledged: a moment mid-traffic. */
const ACKS_PER_ROUND: [number, number] = [20, 120]
const SEED = Number(process.env.CHAOS_SEED ?? 20261130)
const REQUEST_TIMEOUT_MS = 20_000

const COURSE = 'sample-course'
const LESSONS = ['first-lesson', 'second-lesson', 'third-lesson']

type Completion = { learnerId: string; lesson: string }
type Attempt = { learnerId: string; nonce: string; attemptId: string }

/** What the clients know: only what the server told them in its answers. */
const acknowledged = { completions: [] as Completion[], attempts: [] as Attempt[] }
/** Every quiz token a client sent (acknowledged or not): none may be stored twice. */
const sentNonces = new Set<string>()
const counts = { writeRequests: 0, writesCutOff: 0, readsCutOff: 0 }
const unexpected: string[] = []

// The server generation the clients talk to. It changes *before* each kill, so a request that
// fails because of the kill always finds a newer generation to wait for.
type Generation = { number: number; ready: Promise<string | null>; open: (url: string | null) => void }
function newGeneration(number: number): Generation {
	let open!: (url: string | null) => void
	const ready = new Promise<string | null>((resolve) => (open = resolve))
	return { number, ready, open }
}
let current = newGeneration(0)
let stopping = false
let ackCount = 0
let ackWaiter: { target: number; resolve: () => void } | null = null

function acknowledge() {
	ackCount++
	if (ackWaiter && ackCount >= ackWaiter.target) {
		ackWaiter.resolve()
		ackWaiter = null
	}
}

const untilAcks = (target: number) => new Promise<void>((resolve) => (ackWaiter = { target, resolve }))

/** The nonce inside a quiz token (base64url JSON, then ".signature"). */
function nonceOf(token: string): string {
	return (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { nonce: string }).nonce
}

type Answer = { status: number; headers: Headers; body: string }

/**
 * Sends a request to the current server and reads the whole answer; when the server is killed
 * under it, waits for the next one and sends the same request again (a resent form must not
 * write twice). Null once stopping.
 */
async function send(path: string, init: RequestInit): Promise<Answer | null> {
	const write = init.method === 'POST'
	for (;;) {
		const generation = current
		const url = await generation.ready
		if (url === null) return null
		if (write) counts.writeRequests++
		try {
			const response = await fetch(`${url}${path}`, { ...init, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
			return { status: response.status, headers: response.headers, body: await response.text() }
		} catch (error) {
			if (current.number === generation.number) {
				unexpected.push(`${init.method ?? 'GET'} ${path} failed while the server was not being killed: ${String(error)}`)
				return null
			}
			if (write) counts.writesCutOff++
			else counts.readsCutOff++
		}
	}
}

const form = (fields: Record<string, string>, cookie: string | null) => ({
	method: 'POST',
	body: new URLSearchParams(fields),
	headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
})

/** One client: a new guest learner after another reads, completes every lesson, takes the quiz. */
async function client(id: number) {
	const random = seededRandom(SEED + id)
	while (!stopping) {
		let learnerId: string | null = null
		let cookie: string | null = null
		for (const lesson of LESSONS) {
			const response = await send(`/courses/${COURSE}/lessons/${lesson}`, form({ intent: 'complete' }, cookie))
			if (!response) return
			if (response.status !== 302) return void unexpected.push(`completing ${lesson}: status ${response.status}`)
			// The first completion makes the guest learner; the cookie says which (signed, not hidden).
			const learner = learnerFromSetCookie(response.headers.getSetCookie())
			if (learner) ({ cookie, learnerId } = learner)
			if (!learnerId) return void unexpected.push('the first completion set no learner cookie')
			acknowledged.completions.push({ learnerId, lesson })
			acknowledge()
		}

		const page = await send(`/courses/${COURSE}/quiz`, { headers: { Cookie: cookie! } })
		if (!page) return
		const html = page.body
		const token = /name="token" value="([^"]+)"/.exec(html)?.[1]
		if (page.status !== 200 || !token) return void unexpected.push(`quiz page: status ${page.status}, no token`)
		const answers: Record<string, string> = { token }
		for (const [, name, value] of html.matchAll(/name="(q-[^"]+)" value="([^"]+)"/g)) {
			if (!(name! in answers) || random.chance(0.3)) answers[name!] = value!
		}
		const nonce = nonceOf(token)
		sentNonces.add(nonce)
		const submitted = await send(`/courses/${COURSE}/quiz`, form(answers, cookie))
		if (!submitted) return
		const attemptId = /\/quiz\/attempts\/([^/?]+)$/.exec(submitted.headers.get('Location') ?? '')?.[1]
		if (submitted.status !== 302 || !attemptId) return void unexpected.push(`quiz submission: status ${submitted.status}`)
		acknowledged.attempts.push({ learnerId: learnerId!, nonce, attemptId })
		acknowledge()
	}
}

test(`${ROUNDS} SIGKILLs under ${CLIENTS} clients lose no acknowledged write`, { timeout: 240_000 }, async () => {
	const dataDir = mkdtempSync(path.join(TMP_DIR, 'chaos-'))
	const databasePath = path.join(dataDir, 'qorgau.db')
	const env = {
		DATABASE_URL: `file:${databasePath}`,
		SESSION_SECRET: 'chaos-test-secret-'.padEnd(40, 'x'),
		COURSES_DIR: path.join(ROOT, 'tests/fixtures/courses'),
	}
	const random = seededRandom(SEED)
	const started = performance.now()
	const clients = Array.from({ length: CLIENTS }, (_, id) => client(id))
	const startOutputs: string[] = []

	let server: RunningServer | null = null
	try {
		for (let round = 1; round <= ROUNDS; round++) {
			server = await startServer(env)
			startOutputs.push(server.output())
			current.open(server.url)
			await untilAcks(ackCount + random.int(...ACKS_PER_ROUND))
			// The next generation exists before the kill, so failing requests know to wait for it.
			const dying = current
			current = newGeneration(dying.number + 1)
			await server.kill()
			server = null
			if (unexpected.length > 0) break
		}
	} finally {
		stopping = true
		current.open(null)
		await server?.kill()
	}
	await Promise.all(clients)
	expect(unexpected).toEqual([])

	// Every start after a kill was clean: schema recognised, nothing repaired, nothing refused.
	expect(startOutputs).toHaveLength(ROUNDS)
	for (const output of startOutputs.slice(1)) {
		expect(output).toMatch(/Database schema is up to date\./)
		expect(output).not.toMatch(/error|cannot start|Applied migrations/i)
	}

	// The file as the last SIGKILL left it (SQLite recovers the WAL on open, as the server would).
	const db = new Database(databasePath)
	expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
	expect(db.pragma('foreign_key_check')).toEqual([])
	const completion = db.prepare<[string, string, string], { n: number }>(
		'SELECT count(*) AS n FROM LessonProgress WHERE learnerId = ? AND courseSlug = ? AND lessonSlug = ? AND completedAt IS NOT NULL',
	)
	const attemptsByNonce = db.prepare<[string], { id: string; learnerId: string; answers: number }>(
		'SELECT id, learnerId, (SELECT count(*) FROM QuizAnswer WHERE attemptId = QuizAttempt.id) AS answers FROM QuizAttempt WHERE token = ?',
	)
	let found = 0
	const lost: string[] = []
	for (const { learnerId, lesson } of acknowledged.completions) {
		if (completion.get(learnerId, COURSE, lesson)!.n === 1) found++
		else lost.push(`completion ${learnerId}/${lesson}`)
	}
	for (const { learnerId, nonce, attemptId } of acknowledged.attempts) {
		const rows = attemptsByNonce.all(nonce)
		if (rows.length === 1 && rows[0]!.id === attemptId && rows[0]!.learnerId === learnerId && rows[0]!.answers > 0) found++
		else lost.push(`attempt ${attemptId} (${rows.length} rows)`)
	}
	const duplicated = [...sentNonces].filter((nonce) => attemptsByNonce.all(nonce).length > 1)
	db.close()

	// One more start on the crashed file: it must serve.
	const last = await startServer(env)
	const health = await fetch(`${last.url}/healthz`)
	await last.stop()
	expect(health.status).toBe(200)

	const acks = acknowledged.completions.length + acknowledged.attempts.length
	console.log(
		`[chaos] ${ROUNDS} SIGKILLs, ${CLIENTS} clients, seed ${SEED}, ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
			`sent ${counts.writeRequests} write requests (${counts.writesCutOff} cut off by a kill and resent; ${counts.readsCutOff} reads cut off), ` +
			`acknowledged ${acks} (${acknowledged.completions.length} lesson completions, ${acknowledged.attempts.length} quiz attempts), ` +
			`found ${found}, lost ${lost.length}, duplicated ${duplicated.length}; integrity_check ok; ${ROUNDS + 1} clean starts`,
	)
	expect(lost).toEqual([])
	expect(duplicated).toEqual([])
	expect(found).toBe(acks)
	expect(acks).toBeGreaterThan(ROUNDS * ACKS_PER_ROUND[0])
})
