// xAPI statements (decision 022) over the real server: written with the writes they describe,
// only for an organisation that assigned the course to the learner's class, delivered to a test
// LRS inside this file, retried after failures, and, with the server killed (SIGKILL) while the
// store has taken a batch but not yet answered, every statement stored exactly once by its id.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, test, vi } from 'vitest'

vi.hoisted(() => {
	process.env.SESSION_SECRET = 'xapi-delivery-secret-'.padEnd(48, 'x')
})

import { createSession } from '~/auth/session.server.ts'
import { createGroup, createOrganisation, createUser } from '~/models/factories.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import path from 'node:path'
import { ROOT } from '../setup/paths.ts'
import { startServer, type RunningServer } from '../setup/server.ts'

const COURSE = 'sample-course'
const LESSONS = ['first-lesson', 'second-lesson', 'third-lesson']

/** A Learning Record Store as xAPI 1.0.3 describes one, for this test: one statement per id. */
function testLrs() {
	const stored = new Map<string, { body: string; credentials: string }>()
	const receipts: { credentials: string; ids: string[] }[] = []
	const problems: string[] = []
	const control = { failNext: 0, holdNext: false, held: null as null | (() => void), onHeld: () => {} }
	const server: Server = createServer((req: IncomingMessage, res) => {
		let raw = ''
		req.on('data', (chunk: Buffer) => (raw += chunk.toString()))
		req.on('end', () => {
			const credentials = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString()
			if (req.method !== 'POST' || req.url !== '/xapi/statements') problems.push(`${req.method} ${req.url}`)
			if (req.headers['x-experience-api-version'] !== '1.0.3') problems.push('no X-Experience-API-Version: 1.0.3')
			if (control.failNext > 0) {
				control.failNext--
				return res.writeHead(503).end()
			}
			const statements = JSON.parse(raw) as { id: string }[]
			receipts.push({ credentials, ids: statements.map((statement) => statement.id) })
			// Same id, same statement: kept once. Same id, another statement: 409, nothing stored.
			if (statements.some((statement) => stored.has(statement.id) && stored.get(statement.id)!.body !== JSON.stringify(statement))) return res.writeHead(409).end()
			for (const statement of statements) if (!stored.has(statement.id)) stored.set(statement.id, { body: JSON.stringify(statement), credentials })
			if (control.holdNext) {
				// Stored, but the answer never leaves: the sender dies before it hears "200".
				control.holdNext = false
				control.held = () => res.destroy()
				return control.onHeld()
			}
			res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(statements.map((statement) => statement.id)))
		})
	})
	return { server, stored, receipts, problems, control }
}

const lrs = testLrs()
let lrsUrl: string
let server: RunningServer | undefined

function startQorgau() {
	return startServer({
		DATABASE_URL: `file:${getEnv().databasePath}`,
		SESSION_SECRET: process.env.SESSION_SECRET!,
		COURSES_DIR: path.join(ROOT, 'tests/fixtures/courses'),
		LRS_ALLOW_PRIVATE: 'true',
		XAPI_LEASE_SECONDS: '1',
	})
}

beforeAll(async () => {
	await new Promise<void>((resolve) => lrs.server.listen(0, '127.0.0.1', resolve))
	lrsUrl = `http://127.0.0.1:${(lrs.server.address() as AddressInfo).port}/xapi/`
})
afterAll(async () => {
	await server?.stop()
	await new Promise((resolve) => lrs.server.close(resolve))
})

const cookieOf = async (userId: string) => (await createSession(userId)).split(';')[0]!

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
		await new Promise((resolve) => setTimeout(resolve, 100))
	}
}

async function form(url: string, fields: Record<string, string>, cookie: string) {
	const response = await fetch(`${server!.url}${url}`, { method: 'POST', body: new URLSearchParams(fields), headers: { Cookie: cookie }, redirect: 'manual' })
	await response.text()
	return response
}

test('statements reach the LRS once each, through failures and a SIGKILL mid-delivery', { timeout: 180_000 }, async () => {
	// Alpha assigned the course to the learner's class; Beta has the learner in a class too, and an
	// LRS, but assigned nothing: it must hear nothing.
	const owner = await createUser(prisma, { displayName: 'Alpha Owner' })
	const alpha = await createOrganisation(prisma, { ownerId: owner.id })
	const alphaClass = await createGroup(prisma, alpha.id)
	await prisma.assignment.create({ data: { groupId: alphaClass.id, courseSlug: COURSE } })
	const betaOwner = await createUser(prisma, { displayName: 'Beta Owner' })
	const beta = await createOrganisation(prisma, { ownerId: betaOwner.id })
	const betaClass = await createGroup(prisma, beta.id)
	const learner = await createUser(prisma, { displayName: 'Aruzhan Xapi', email: `aruzhan-${alpha.code.toLowerCase()}@example.org` })
	await prisma.groupMember.createMany({ data: [{ groupId: alphaClass.id, userId: learner.id }, { groupId: betaClass.id, userId: learner.id }] })

	server = await startQorgau()
	// The owners connect their stores on the settings page.
	for (const [org, user, name] of [[alpha, owner, 'alpha-key'], [beta, betaOwner, 'beta-key']] as const) {
		const saved = await form(`/orgs/${org.slug}/settings/lrs`, { intent: 'save', endpoint: lrsUrl, username: name, password: `${name}-secret` }, await cookieOf(user.id))
		expect(saved.status).toBe(302)
	}
	const sealed = await prisma.lrsConnection.findUniqueOrThrow({ where: { orgId: alpha.id } })
	expect(sealed.secretSealed).not.toContain('alpha-key-secret')

	// The store is down for the first two tries; the third batch it takes is never answered.
	lrs.control.failNext = 2
	lrs.control.holdNext = true
	const held = new Promise<void>((resolve) => (lrs.control.onHeld = resolve))

	const cookie = await cookieOf(learner.id)
	for (const lesson of LESSONS) expect((await form(`/courses/${COURSE}/lessons/${lesson}`, { intent: 'complete' }, cookie)).status).toBe(302)
	// Completing a lesson again says nothing new.
	expect((await form(`/courses/${COURSE}/lessons/${LESSONS[0]}`, { intent: 'complete' }, cookie)).status).toBe(302)
	const quiz = await (await fetch(`${server.url}/courses/${COURSE}/quiz?lng=en`, { headers: { Cookie: cookie } })).text()
	const answers: Record<string, string> = { token: /name="token" value="([^"]+)"/.exec(quiz)![1]! }
	for (const [, name, value] of quiz.matchAll(/name="(q-[^"]+)" value="([^"]+)"/g)) answers[name!] ??= value!
	expect((await form(`/courses/${COURSE}/quiz`, answers, cookie)).status).toBe(302)

	const outbox = await prisma.xapiStatement.findMany({ select: { id: true, orgId: true, body: true } })
	// 3 lessons, the course, 4 answers and the verdict: for Alpha only.
	expect(outbox.length).toBe(9)
	expect(new Set(outbox.map((row) => row.orgId))).toEqual(new Set([alpha.id]))

	await held
	await server.kill()
	lrs.control.held?.()
	const heldIds = lrs.receipts.at(-1)!.ids
	expect(heldIds.length).toBeGreaterThan(0)
	const undelivered = await prisma.xapiStatement.count({ where: { deliveredAt: null } })
	expect(undelivered).toBeGreaterThanOrEqual(heldIds.length)

	server = await startQorgau()
	await until('every statement delivered', async () => (await prisma.xapiStatement.count({ where: { deliveredAt: null } })) === 0)

	// Exactly once by id: the store holds each outbox statement, unchanged, and nothing else.
	expect(lrs.problems).toEqual([])
	expect([...lrs.stored.keys()].sort()).toEqual(outbox.map((row) => row.id).sort())
	for (const row of outbox) expect(lrs.stored.get(row.id)!.body).toBe(row.body)
	expect(new Set([...lrs.stored.values()].map((entry) => entry.credentials))).toEqual(new Set(['alpha-key:alpha-key-secret']))
	// The batch the store took before the kill was sent again after the restart.
	const timesReceived = (id: string) => lrs.receipts.filter((receipt) => receipt.ids.includes(id)).length
	for (const id of heldIds) expect(timesReceived(id)).toBe(2)
	const retried = await prisma.xapiStatement.findMany({ where: { id: { in: heldIds } }, select: { attempts: true } })
	for (const row of retried) expect(row.attempts).toBeGreaterThanOrEqual(2)

	// The statements' shape: pseudonymous actor, cmi5-style registration and results.
	type Sent = { verb: { id: string }; actor: { account: { homePage: string; name: string } }; object: { id: string }; context: { registration: string }; result: { score: { max: number }; duration: string } }
	const statements = outbox.map((row) => JSON.parse(row.body) as Sent)
	const verbs = statements.map((statement) => statement.verb.id.split('/').at(-1)).sort()
	expect(verbs.filter((verb) => verb === 'completed').length).toBe(4)
	expect(verbs.filter((verb) => verb === 'answered').length).toBe(4)
	expect(verbs.filter((verb) => verb === 'passed' || verb === 'failed').length).toBe(1)
	const actors = new Set(statements.map((statement) => JSON.stringify(statement.actor)))
	expect(actors.size).toBe(1)
	const actor = statements[0]!.actor
	expect(actor.account.homePage).toMatch(/^http:\/\/localhost/)
	expect(actor.account.name).toMatch(/^[0-9a-f]{32}$/)
	expect(JSON.stringify(statements)).not.toContain(learner.id)
	expect(JSON.stringify(statements)).not.toContain('Aruzhan')
	expect(JSON.stringify(statements)).not.toContain('example.org')
	expect(new Set(statements.map((statement) => statement.context.registration)).size).toBe(1)
	expect(statements[0]!.context.registration).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
	const verdict = statements.find((statement) => /passed|failed/.test(statement.verb.id))!
	expect(verdict.result.score.max).toBe(4)
	expect(verdict.result.duration).toMatch(/^PT/)
	expect(verdict.object.id).toMatch(new RegExp(`/courses/${COURSE}$`))
	// Which options were chosen never leaves: with "right or wrong" it would give the key away.
	for (const answered of statements.filter((statement) => statement.verb.id.endsWith('answered'))) expect(answered.result).toEqual({ success: expect.any(Boolean) })
})
