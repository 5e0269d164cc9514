import { describe, expect, test } from 'vitest'
import { createSession, destroyAllSessions } from '~/auth/session.server.ts'
import { createResetToken, exportAccount, resetPassword } from '~/models/user.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { requireOrgRole, requireUser } from '~/auth/guards.server.ts'
import type { OrgRole } from '~/orgs/roles.ts'
import * as signupRoute from '~/routes/signup.tsx'
import * as loginRoute from '~/routes/login.tsx'
import * as accountRoute from '~/routes/account.tsx'
import * as exportRoute from '~/routes/account_.export.tsx'
import * as logoutRoute from '~/routes/logout.tsx'
import * as resetRoute from '~/routes/reset-password.tsx'
import { completeLessons, createOrganisation, createPupil, createUser } from '~/models/factories.server.ts'
import { hashPassword } from '~/utils/password.server.ts'
import { asLearner, get, thrown, signedInUserId } from '../setup/requests.ts'
import { randomBytes } from 'node:crypto'

const unique = () => randomBytes(4).toString('hex')
let ipCounter = 0
/** Each call looks like a different client, so rate limits only bite where a test wants them to. */
const context = () => ({ clientIp: `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}` })

function form(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
	return new Request(`http://localhost${url}`, { method: 'POST', body: new URLSearchParams(fields), headers })
}

/** Cookies a response sets, as one Cookie header (later values win). */
function cookies(response: Response, previous: Record<string, string> = {}): Record<string, string> {
	const jar = new Map((previous.Cookie ?? '').split('; ').filter(Boolean).map((pair) => pair.split('=', 2) as [string, string]))
	for (const header of response.headers.getSetCookie()) {
		const [pair] = header.split(';')
		const [name, value] = pair!.split('=', 2) as [string, string]
		if (/Max-Age=0/.test(header)) jar.delete(name)
		else jar.set(name, value)
	}
	return { Cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') }
}

async function signUp(fields: Partial<Record<string, string>> = {}, headers: Record<string, string> = {}) {
	const login = fields.login ?? `user-${unique()}`
	const response = (await signupRoute.action({
		request: form('/signup?lng=en', { displayName: 'Ainur', login, password: 'a-long-password', ...fields } as Record<string, string>, headers),
		params: {},
		context: context(),
	})) as Response
	return { response, login, headers: response instanceof Response ? cookies(response, headers) : headers }
}

async function passwordUser() {
	const user = await createUser(prisma, { displayName: 'Marat', email: `marat-${unique()}@example.org` })
	await prisma.password.create({ data: { userId: user.id, hash: await hashPassword('correct horse battery') } })
	return user
}

describe('sessions', () => {
	test('create, read, expire, revoke, and sign out everywhere', async () => {
		const user = await createUser(prisma)
		const cookie = (await createSession(user.id)).split(';')[0]!
		const request = () => get('/', { Cookie: cookie })
		expect(await signedInUserId(request())).toBe(user.id)

		await prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
		expect(await signedInUserId(request())).toBeNull()

		const second = (await createSession(user.id)).split(';')[0]!
		const third = (await createSession(user.id)).split(';')[0]!
		await logoutRoute.action({ request: form('/logout', {}, { Cookie: second }), params: {}, context: {} })
		expect(await signedInUserId(get('/', { Cookie: second }))).toBeNull()
		expect(await signedInUserId(get('/', { Cookie: third }))).toBe(user.id)

		await destroyAllSessions(user.id)
		expect(await signedInUserId(get('/', { Cookie: third }))).toBeNull()
	})

	test('the database keeps only a hash of the session token', async () => {
		const user = await createUser(prisma)
		const token = (await createSession(user.id)).split(';')[0]!.split('=')[1]!
		const stored = await prisma.session.findFirstOrThrow({ where: { userId: user.id }, select: { id: true } })
		expect(stored.id).toMatch(/^[0-9a-f]{64}$/)
		expect(decodeURIComponent(token)).not.toContain(stored.id)
	})

	test('a forged session cookie is nobody', async () => {
		expect(await signedInUserId(get('/', { Cookie: 'qs=InNvbWV0aGluZyI.forged' }))).toBeNull()
	})
})

describe('sign-up and sign-in', () => {
	test('sign-up creates the account, signs in with a fresh session, and keeps the guest’s progress', async () => {
		const guest = await prisma.learner.create({ data: {}, select: { id: true } })
		await completeLessons(prisma, guest.id, 'sample-course', ['first-lesson', 'second-lesson'])
		await prisma.quizAttempt.create({ data: { learnerId: guest.id, courseSlug: 'sample-course', courseVersion: '2', locale: 'en', token: unique(), layout: '[]', submittedAt: new Date(), score: 3, maxScore: 4, passed: true } })
		const { response, headers } = await signUp({}, await asLearner(guest.id))
		expect(response.status).toBe(302)
		// The guest passed: the account opens on the certificate's name form (decision 008).
		expect(response.headers.get('Location')).toBe('/courses/sample-course/certificate')
		const userId = await signedInUserId(get('/', headers))
		expect(userId).not.toBeNull()
		const learner = await prisma.learner.findUniqueOrThrow({ where: { userId: userId! }, select: { id: true } })
		expect(await prisma.lessonProgress.count({ where: { learnerId: learner.id } })).toBe(2)
		expect(await prisma.quizAttempt.count({ where: { learnerId: learner.id } })).toBe(1)
		expect(await prisma.learner.findUnique({ where: { id: guest.id } })).toBeNull()
		expect(headers.Cookie).not.toMatch(/learner=/)
	})

	test('signing in merges without duplicates, keeping the earlier completion', async () => {
		const user = await passwordUser()
		const early = new Date('2026-01-01T00:00:00Z')
		await prisma.lessonProgress.create({ data: { learnerId: user.learner!.id, courseSlug: 'sample-course', lessonSlug: 'first-lesson', completedAt: new Date('2026-03-01T00:00:00Z') } })
		const guest = await prisma.learner.create({ data: {}, select: { id: true } })
		await prisma.lessonProgress.createMany({
			data: [
				{ learnerId: guest.id, courseSlug: 'sample-course', lessonSlug: 'first-lesson', completedAt: early },
				{ learnerId: guest.id, courseSlug: 'sample-course', lessonSlug: 'third-lesson', completedAt: early },
			],
		})
		const email = (await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true } })).email!
		const response = (await loginRoute.action({ request: form('/login', { intent: 'account', login: email, password: 'correct horse battery' }, await asLearner(guest.id)), params: {}, context: context() })) as Response
		expect(response.status).toBe(302)
		const rows = await prisma.lessonProgress.findMany({ where: { learnerId: user.learner!.id }, orderBy: { lessonSlug: 'asc' }, select: { lessonSlug: true, completedAt: true } })
		expect(rows).toEqual([
			{ lessonSlug: 'first-lesson', completedAt: early },
			{ lessonSlug: 'third-lesson', completedAt: early },
		])
	})

	test('signing in rotates the session: the old cookie stops working', async () => {
		const user = await passwordUser()
		const old = { Cookie: (await createSession(user.id)).split(';')[0]! }
		const email = (await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true } })).email!
		// A signed-in user is sent to /account, so sign in from a page that allows it: the anonymous session ends first.
		await destroyAllSessions(user.id)
		const response = (await loginRoute.action({ request: form('/login', { intent: 'account', login: email, password: 'correct horse battery' }, old), params: {}, context: context() })) as Response
		const fresh = cookies(response, old)
		expect(await signedInUserId(get('/', fresh))).toBe(user.id)
		expect(await signedInUserId(get('/', old))).toBeNull()
	})

	test('a wrong password and an unknown account get the same answer', async () => {
		const user = await passwordUser()
		const email = (await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true } })).email!
		const wrong = await loginRoute.action({ request: form('/login?lng=en', { intent: 'account', login: email, password: 'nope' }), params: {}, context: context() })
		const unknown = await loginRoute.action({ request: form('/login?lng=en', { intent: 'account', login: `nobody-${unique()}@example.org`, password: 'nope' }), params: {}, context: context() })
		const body = (result: unknown) => (result as { data: { result: { error: Record<string, string[]> } }; init: { status: number } })
		expect(body(wrong).init.status).toBe(400)
		expect(body(wrong).data.result.error).toEqual({ '': ['auth.invalid'] })
		expect(body(unknown).data.result.error).toEqual(body(wrong).data.result.error)
	})

	test('pupils sign in with the organisation code, username and PIN', async () => {
		const org = await createOrganisation(prisma)
		const pupil = await createPupil(prisma, org.id, { displayName: 'Dana', username: `dana${unique()}` })
		await prisma.password.create({ data: { userId: pupil.id, hash: await hashPassword('1357') } })
		const username = (await prisma.user.findUniqueOrThrow({ where: { id: pupil.id }, select: { pupilUsername: true } })).pupilUsername!
		const ok = (await loginRoute.action({ request: form('/login', { intent: 'pupil', orgCode: org.code.toLowerCase(), username, pin: '1357' }), params: {}, context: context() })) as Response
		expect(await signedInUserId(get('/', cookies(ok)))).toBe(pupil.id)
		const wrongOrg = await loginRoute.action({ request: form('/login', { intent: 'pupil', orgCode: 'NOPE1', username, pin: '1357' }), params: {}, context: context() })
		expect((wrongOrg as unknown as { init: { status: number } }).init.status).toBe(400)
	})

	test('repeated sign-in attempts on one account are limited, with the same kind of message', async () => {
		const user = await passwordUser()
		const email = (await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true } })).email!
		const statuses: number[] = []
		for (let attempt = 0; attempt < 7; attempt++) {
			const result = await loginRoute.action({ request: form('/login', { intent: 'account', login: email, password: 'wrong' }), params: {}, context: context() })
			statuses.push((result as unknown as { init: { status: number } }).init.status)
		}
		expect(statuses.slice(0, 5)).toEqual(Array(5).fill(400))
		expect(statuses.slice(5)).toEqual([429, 429])
		// From a browser that never signed in to it, even the right password waits (backoff).
		const right = await loginRoute.action({ request: form('/login', { intent: 'account', login: email, password: 'correct horse battery' }), params: {}, context: context() })
		expect((right as unknown as { init: { status: number } }).init.status).toBe(429)
	})

	test('a taken login is refused and nothing is created', async () => {
		const { login } = await signUp()
		const before = await prisma.user.count()
		const second = await signUp({ login: login.toUpperCase() })
		expect((second.response as unknown as { init: { status: number } }).init.status).toBe(400)
		expect(await prisma.user.count()).toBe(before)
	})
})

describe('bad input on the account forms: a translated 400, never a 500, nothing stored', () => {
	test.each([
		['missing fields', { displayName: '', login: '', password: '' }],
		['an oversized name', { displayName: 'А'.repeat(10_000) }],
		['control characters', { displayName: 'Ai\u0000nur\u0007' }],
		['HTML', { displayName: '<script>alert(1)</script>' }],
		['SQL', { login: "x'; DROP TABLE User; --" }],
		['an emoji username', { login: 'ainur😀' }],
		['a short password', { password: 'short' }],
		['a filled honeypot', { website: 'http://spam.example' }],
	])('sign-up with %s', async (_name, fields) => {
		const before = await prisma.user.count()
		const { response } = await signUp(fields as Record<string, string>)
		expect((response as unknown as { init: { status: number } }).init.status).toBe(400)
		expect(await prisma.user.count()).toBe(before)
	})

	test('names in any script, with marks and apostrophes, are fine', async () => {
		for (const displayName of ['Әсел Қанатқызы', 'Наталья Ёлкина', "O'Neil-Smith", 'Ərəb']) {
			const { response } = await signUp({ displayName })
			expect(response.status).toBe(302)
		}
	})

	test('a body that is not a form', async () => {
		const request = new Request('http://localhost/signup', { method: 'POST', body: '{"a":1}', headers: { 'Content-Type': 'application/json' } })
		const result = await signupRoute.action({ request, params: {}, context: context() })
		expect((result as unknown as { init: { status: number } }).init.status).toBe(400)
	})
})

describe('account', () => {
	test('the account page needs a signed-in user', async () => {
		const result = await thrown(accountRoute.loader({ request: get('/account'), params: {}, context: {} }))
		expect(result.status).toBe(302)
	})

	test('export holds the person’s data and never a password hash', async () => {
		const { headers } = await signUp()
		const response = (await exportRoute.loader({ request: get('/account/export', headers), params: {}, context: {} })) as Response
		expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="my-data.json"')
		const text = await response.text()
		expect(JSON.parse(text)).toMatchObject({ displayName: 'Ainur', learner: { progress: [], attempts: [] } })
		expect(text).not.toMatch(/argon2|hash/i)
	})

	test('deleting the account removes it and its progress; certificates stay, detached', async () => {
		const { headers } = await signUp()
		const userId = (await signedInUserId(get('/', headers)))!
		const learner = await prisma.learner.findUniqueOrThrow({ where: { userId }, select: { id: true } })
		await completeLessons(prisma, learner.id, 'sample-course', ['first-lesson'])
		await prisma.certificate.create({ data: { code: `C${unique()}`, userId, holderName: 'Ainur', courseSlug: 'sample-course', courseVersion: '2', locale: 'en' } })
		const wrong = await accountRoute.action({ request: form('/account', { intent: 'delete', currentPassword: 'not-it' }, headers), params: {}, context: {} })
		expect((wrong as unknown as { init: { status: number } }).init.status).toBe(400)
		expect(await prisma.user.count({ where: { id: userId } })).toBe(1)
		const response = (await accountRoute.action({ request: form('/account', { intent: 'delete', currentPassword: 'a-long-password' }, headers), params: {}, context: {} })) as Response
		expect(response.status).toBe(302)
		expect(await prisma.user.count({ where: { id: userId } })).toBe(0)
		expect(await prisma.lessonProgress.count({ where: { learnerId: learner.id } })).toBe(0)
		expect(await prisma.certificate.findFirst({ where: { holderName: 'Ainur', userId: null } })).not.toBeNull()
	})

	test('changing the password signs out other devices', async () => {
		const { headers } = await signUp()
		const userId = (await signedInUserId(get('/', headers)))!
		const other = { Cookie: (await createSession(userId)).split(';')[0]! }
		const response = (await accountRoute.action({ request: form('/account', { intent: 'password', currentPassword: 'a-long-password', newPassword: 'another-long-password' }, headers), params: {}, context: {} })) as Response
		expect(response.status).toBe(302)
		expect(await signedInUserId(get('/', other))).toBeNull()
		expect(await signedInUserId(get('/', cookies(response, headers)))).toBe(userId)
	})

	test('profile: name, language and discreet mode', async () => {
		const { headers } = await signUp()
		const userId = (await signedInUserId(get('/', headers)))!
		const response = (await accountRoute.action({ request: form('/account', { intent: 'profile', displayName: 'Ainur K.', locale: 'ru', discreetMode: 'on' }, headers), params: {}, context: {} })) as Response
		expect(response.status).toBe(302)
		expect(response.headers.get('Set-Cookie')).toMatch(/^lng=/)
		expect(await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { displayName: true, locale: true, discreetMode: true } })).toEqual({ displayName: 'Ainur K.', locale: 'ru', discreetMode: true })
		const bad = await accountRoute.action({ request: form('/account', { intent: 'profile', displayName: 'X', locale: 'de' }, headers), params: {}, context: {} })
		expect((bad as unknown as { init: { status: number } }).init.status).toBe(400)
	})
})

describe('password reset', () => {
	test('a token works once and not after it expires; the answer never says whether an account exists', async () => {
		const user = await passwordUser()
		const email = (await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true } })).email!
		const known = (await resetRoute.action({ request: form('/reset-password', { email }), params: {}, context: context() })) as Response
		const unknown = (await resetRoute.action({ request: form('/reset-password', { email: `nobody-${unique()}@example.org` }), params: {}, context: context() })) as Response
		expect(known.headers.get('Location')).toBe('/reset-password')
		expect(unknown.headers.get('Location')).toBe(known.headers.get('Location'))

		const { token } = (await createResetToken(email))!
		expect(await resetPassword(token, 'a-brand-new-password')).toBe(true)
		expect(await resetPassword(token, 'a-second-new-password')).toBe(false)

		const expiring = (await createResetToken(email))!
		await prisma.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { expiresAt: new Date(Date.now() - 1) } })
		expect(await resetPassword(expiring.token, 'too-late-password')).toBe(false)
	})
})

describe('role helpers', () => {
	test('owner, administrator, learner, stranger, platform admin, unknown organisation', async () => {
		const owner = await createUser(prisma)
		const org = await createOrganisation(prisma, { ownerId: owner.id })
		const orgAdmin = await createUser(prisma)
		await prisma.membership.create({ data: { orgId: org.id, userId: orgAdmin.id, role: 'admin' } })
		const stranger = await createUser(prisma)
		const admin = await createUser(prisma)
		await prisma.user.update({ where: { id: admin.id }, data: { isPlatformAdmin: true } })
		const as = async (userId: string) => ({ Cookie: (await createSession(userId)).split(';')[0]! })
		const check = async (userId: string, roles: OrgRole[], slug = org.slug) => {
			try {
				return (await requireOrgRole(get('/orgs/x?lng=en', await as(userId)), slug, roles)).role
			} catch (error) {
				return (error as { init?: { status: number } }).init?.status
			}
		}
		expect(await check(owner.id, ['owner'])).toBe('owner')
		expect(await check(orgAdmin.id, ['owner', 'admin'])).toBe('admin')
		expect(await check(orgAdmin.id, ['owner'])).toBe(403)
		expect(await check(stranger.id, ['learner'])).toBe(403)
		expect(await check(admin.id, ['owner'])).toBe('owner')
		expect(await check(owner.id, ['owner'], 'no-such-org')).toBe(404)
		const anonymous = await thrown(requireUser(get('/account?x=1')))
		expect(anonymous.status).toBe(302)
	})
})

test('export is stable', async () => {
	const user = await createUser(prisma)
	expect(await exportAccount(user.id)).toMatchObject({ displayName: user.displayName })
})
