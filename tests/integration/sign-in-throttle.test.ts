// Sign-in throttling (issue 15, finding 3; decision 010): only failures count, a class behind
// one school address signs in, and nobody can lock a pupil out of their own browser.
import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import * as loginRoute from '~/routes/login.tsx'
import { prisma } from '~/utils/db.server.ts'
import { hashPassword } from '~/utils/password.server.ts'
import { createOrganisation, createPupils } from '~/models/factories.server.ts'

const SCHOOL_ADDRESS = { clientIp: '203.0.113.7' }
const PIN = '482916'

type Outcome = { status: number; deviceCookie?: string }

async function signIn(orgCode: string, username: string, pin: string, { context = SCHOOL_ADDRESS, cookie = '' } = {}): Promise<Outcome> {
	const request = new Request('http://localhost/login?lng=en', { method: 'POST', body: new URLSearchParams({ intent: 'pupil', orgCode, username, pin }), headers: cookie ? { Cookie: cookie } : {} })
	const result = await loginRoute.action({ request, params: {}, context })
	if (result instanceof Response) {
		const device = result.headers.getSetCookie().find((header) => header.startsWith('qd='))
		return { status: result.status, deviceCookie: device?.split(';')[0] }
	}
	return { status: (result as unknown as { init: { status: number } }).init.status }
}

async function classOf(size: number) {
	const org = await createOrganisation(prisma)
	const suffix = randomBytes(3).toString('hex')
	const pupils = Array.from({ length: size }, (_, i) => ({ displayName: `Pupil ${i}`, username: `pupil${i}.${suffix}` }))
	await createPupils(prisma, org.id, pupils, await hashPassword(PIN))
	return { code: org.code, usernames: pupils.map((pupil) => pupil.username) }
}

describe('sign-in throttling', () => {
	test('40 pupils of a class sign in with the right PIN from one school address, after others there mistyped', async () => {
		const { code, usernames } = await classOf(40)
		// The attack found: 14 earlier attempts from the address, then 8 of 23 pupils got 429.
		for (let i = 0; i < 14; i++) expect((await signIn(code, usernames[i]!, '000000')).status).toBe(400)
		const statuses: number[] = []
		for (const username of usernames) statuses.push((await signIn(code, username, PIN)).status)
		expect(statuses).toEqual(Array(40).fill(302))
	}, 180_000)

	test('wrong guesses from one address never stop the right PIN from the pupil’s own browser', async () => {
		const { code, usernames } = await classOf(1)
		const pupil = usernames[0]!
		const own = await signIn(code, pupil, PIN)
		expect(own.deviceCookie).toMatch(/^qd=/)

		// A classmate at the same school address guesses and guesses.
		const guesses: number[] = []
		for (let i = 0; i < 30; i++) guesses.push((await signIn(code, pupil, String(100000 + i))).status)
		expect(guesses.slice(0, 5)).toEqual(Array(5).fill(400))
		expect(guesses.slice(5)).toEqual(Array(25).fill(429))
		// Another browser, even with the right PIN, waits: brute force stays impractical.
		expect((await signIn(code, pupil, PIN)).status).toBe(429)
		// The pupil's own browser gets in at once.
		expect((await signIn(code, pupil, PIN, { cookie: own.deviceCookie! })).status).toBe(302)
	}, 60_000)

	test('a browser that signed in before has its own backoff for its own mistakes', async () => {
		const { code, usernames } = await classOf(1)
		const own = await signIn(code, usernames[0]!, PIN)
		const statuses: number[] = []
		for (let i = 0; i < 7; i++) statuses.push((await signIn(code, usernames[0]!, '111111', { cookie: own.deviceCookie! })).status)
		expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429])
		// A device cookie of one account is no pass for another.
		const other = await classOf(1)
		for (let i = 0; i < 5; i++) await signIn(other.code, other.usernames[0]!, '111111')
		expect((await signIn(other.code, other.usernames[0]!, PIN, { cookie: own.deviceCookie! })).status).toBe(429)
	})

	test('one address spraying guesses over many accounts is stopped after 100 failures; others are not', async () => {
		const { code, usernames } = await classOf(1)
		const sprayer = { clientIp: '198.51.100.9' }
		// Unknown accounts cost the same as real ones and count the same.
		for (let i = 0; i < 100; i++) expect((await signIn(code, `nobody${i}`, '000000', { context: sprayer })).status).toBe(400)
		expect((await signIn(code, usernames[0]!, PIN, { context: sprayer })).status).toBe(429)
		expect((await signIn(code, usernames[0]!, PIN)).status).toBe(302)
	}, 180_000)

	test('parallel guesses cannot slip past the backoff before their failures are written', async () => {
		const { code, usernames } = await classOf(1)
		const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(code, usernames[0]!, String(200000 + i), { context: { clientIp: `192.0.2.${i + 1}` } })))
		expect(guesses.filter((guess) => guess.status === 400).length).toBeLessThanOrEqual(5)
		expect(guesses.filter((guess) => guess.status === 429).length).toBeGreaterThanOrEqual(15)
	}, 60_000)

	test('limiter state is in the database, shared by every server process', async () => {
		const { code } = await classOf(1)
		await signIn(code, 'someone', '000000', { context: { clientIp: '192.0.2.44' } })
		expect(await prisma.rateLimit.count({ where: { key: 'signin-fail:ip:192.0.2.44' } })).toBe(1)
	})
})
