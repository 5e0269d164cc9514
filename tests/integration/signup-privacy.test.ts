// Sign-up never tells whether an email address has an account (issue 15, finding 4): the same
// answer either way, and the mail to the address says which it is.
import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import * as signupRoute from '~/routes/signup.tsx'
import * as finishRoute from '~/routes/signup_.$token.tsx'
import { prisma } from '~/utils/db.server.ts'
import { createUser } from '~/models/factories.server.ts'
import { queuedMails } from '../setup/mail.ts'
import { get, post, signedInUserId } from '../setup/requests.ts'

let ip = 0
const context = () => ({ clientIp: `10.9.0.${++ip}` })

const mails = (to: string) => queuedMails(to.toLowerCase())

async function signUp(email: string) {
	const before = (await mails(email)).length
	const result = await signupRoute.action({ request: post('/signup?lng=en', { displayName: 'Ainur', login: email, password: 'a-long-password' }), params: {}, context: context() })
	const sent = (await mails(email)).slice(before)
	expect(sent).toHaveLength(1)
	return { result: result as unknown as { data: unknown; init: { status: number } | null }, mail: sent[0]! }
}

const tokenIn = (mail: string) => /\/signup\/([A-Za-z0-9_-]+)\?/.exec(mail)?.[1]

describe('email sign-up', () => {
	test('a new address and one with an account get the same answer; only the mails differ', async () => {
		const existing = `holder-${randomBytes(3).toString('hex')}@example.org`
		await createUser(prisma, { displayName: 'Holder', email: existing })
		const fresh = `new-${randomBytes(3).toString('hex')}@example.org`
		const users = await prisma.user.count()

		const forExisting = await signUp(existing.toUpperCase())
		const forFresh = await signUp(fresh)
		expect(forExisting.result.init?.status).toBe(200)
		expect(forExisting.result.data).toEqual(forFresh.result.data)
		expect(forExisting.result.init).toEqual(forFresh.result.init)
		expect(await prisma.user.count()).toBe(users)

		expect(forExisting.mail).toContain(`To: ${existing}`)
		expect(forExisting.mail).toMatch(/already has an account/)
		expect(tokenIn(forExisting.mail)).toBeUndefined()
		expect(forFresh.mail).toContain(`To: ${fresh}`)
		expect(tokenIn(forFresh.mail)).toBeDefined()
	})

	test('the mailed link finishes the sign-up once; opening it changes nothing', async () => {
		const email = `link-${randomBytes(3).toString('hex')}@example.org`
		const token = tokenIn((await signUp(email)).mail)!
		const page = await finishRoute.loader({ request: get(`/signup/${token}?lng=en`), params: { token }, context: {} })
		expect((page as unknown as { data: { email: string } }).data.email).toBe(email)
		expect(await prisma.user.count({ where: { email } })).toBe(0)

		const finished = (await finishRoute.action({ request: post(`/signup/${token}`, {}), params: { token }, context: {} })) as Response
		expect(finished.status).toBe(302)
		expect(finished.headers.get('Location')).toBe('/account')
		const session = finished.headers.getSetCookie().find((cookie) => cookie.startsWith('qs='))!.split(';')[0]!
		const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, displayName: true, password: { select: { hash: true } } } })
		expect(await signedInUserId(get('/', { Cookie: session }))).toBe(user.id)
		expect(user.displayName).toBe('Ainur')
		expect(user.password?.hash).toMatch(/^\$argon2id\$/)

		const again = await finishRoute.action({ request: post(`/signup/${token}`, {}), params: { token }, context: {} })
		expect((again as unknown as { init: { status: number } }).init.status).toBe(400)
		expect(await prisma.user.count({ where: { email } })).toBe(1)
	})

	test('an unknown or expired link is a translated 400 and creates nothing', async () => {
		const email = `late-${randomBytes(3).toString('hex')}@example.org`
		const token = tokenIn((await signUp(email)).mail)!
		await prisma.pendingSignup.updateMany({ where: { email }, data: { expiresAt: new Date(Date.now() - 1000) } })
		for (const candidate of [token, 'nope', 'x'.repeat(500)]) {
			const page = await finishRoute.loader({ request: get(`/signup/${candidate}`), params: { token: candidate }, context: {} })
			expect((page as unknown as { init: { status: number } }).init.status).toBe(400)
			const result = await finishRoute.action({ request: post(`/signup/${candidate}`, {}), params: { token: candidate }, context: {} })
			expect((result as unknown as { init: { status: number } }).init.status).toBe(400)
		}
		expect(await prisma.user.count({ where: { email } })).toBe(0)
	})

	test('the database keeps only the token’s hash and the password’s hash', async () => {
		const email = `hash-${randomBytes(3).toString('hex')}@example.org`
		const token = tokenIn((await signUp(email)).mail)!
		const row = await prisma.pendingSignup.findFirstOrThrow({ where: { email } })
		expect(row.tokenHash).not.toContain(token)
		expect(row.passwordHash).toMatch(/^\$argon2id\$/)
	})
})
