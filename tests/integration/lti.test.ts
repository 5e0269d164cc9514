// The LTI 1.3 tool against a test platform with its own keys and endpoints (tests/setup/
// lti-platform.ts), through the production server: login → launch → course page, the refusals
// (bad signature, replayed nonce, wrong audience, expired token, unknown deployment, wrong state),
// the launch inside an iframe, Deep Linking verified with the tool's key set, scores arriving at
// the platform even after it was down, and Dynamic and manual registration by the owner.
import { createRemoteJWKSet, generateKeyPair, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'

vi.hoisted(() => {
	process.env.SESSION_SECRET = 'lti-suite-secret-'.padEnd(48, 'l')
})

import { resources } from '~/locales/resources.ts'
import { completeLessons, createOrganisation, createUser } from '~/models/factories.server.ts'
import { createSession } from '~/auth/session.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { LTI, ROLES, SCORE_SCOPE, startTestPlatform, type TestPlatform } from '../setup/lti-platform.ts'
import { startServerOnTestDatabase, type RunningServer } from '../setup/server.ts'

const RIGHT: Record<string, string[]> = { 'call-for-help': ['call'], forms: ['money', 'shouting'], 'never-fault': ['true'], leaving: ['hard'] }
const ru = resources.ru.common.lti

let server: RunningServer
let platform: TestPlatform
let org: { id: string; slug: string }
let ownerCookie: string

beforeAll(async () => {
	platform = await startTestPlatform({ toolJwksUrl: () => `${server.url}/lti/jwks` })
	server = await startServerOnTestDatabase()
	const owner = await createUser(prisma, { displayName: 'Owner Ltiova' })
	org = await createOrganisation(prisma, { name: 'LTI School', ownerId: owner.id })
	ownerCookie = (await createSession(owner.id)).split(';')[0]!
	await prisma.ltiPlatform.create({
		data: { orgId: org.id, name: 'Test LMS', issuer: platform.issuer, clientId: platform.clientId, authUrl: platform.authUrl, tokenUrl: platform.tokenUrl, jwksUrl: platform.jwksUrl, deployments: { create: { deploymentId: platform.deploymentId } } },
	})
})

afterAll(async () => {
	await server?.stop()
	await platform?.stop()
})

const cookieOf = (response: Response, name: string) =>
	response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(';')[0]!)
		.find((cookie) => cookie.startsWith(`${name}=`) && cookie.length > name.length + 1)

/** The OIDC login initiation, as the platform starts it: the state, nonce and cookie it gives. */
async function login(target = '/courses/sample-course', via: 'GET' | 'POST' = 'GET') {
	const params = { iss: platform.issuer, login_hint: 'hint-1', target_link_uri: `${server.url}${target}`, client_id: platform.clientId, lti_message_hint: 'message-hint' }
	const response =
		via === 'GET'
			? await fetch(`${server.url}/lti/login?${new URLSearchParams(params)}`, { redirect: 'manual' })
			: await fetch(`${server.url}/lti/login`, { method: 'POST', body: new URLSearchParams(params), redirect: 'manual', headers: { Origin: platform.origin } })
	expect(response.status).toBe(302)
	const location = new URL(response.headers.get('Location')!)
	expect(location.origin + location.pathname).toBe(platform.authUrl)
	expect(Object.fromEntries(location.searchParams)).toMatchObject({ scope: 'openid', response_type: 'id_token', response_mode: 'form_post', prompt: 'none', client_id: platform.clientId, redirect_uri: `${server.url}/lti/launch`, login_hint: 'hint-1', lti_message_hint: 'message-hint' })
	const state = location.searchParams.get('state')!
	const setCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`lti-${state}=`))!
	// Comes back with the platform's cross-site form post, inside its iframe too.
	expect(setCookie).toMatch(/; SameSite=None/i)
	expect(setCookie).toMatch(/; Secure/i)
	expect(setCookie).toMatch(/; HttpOnly/i)
	return { state, nonce: location.searchParams.get('nonce')!, cookie: setCookie.split(';')[0]! }
}

function claims(nonce: string, overrides: Record<string, unknown> = {}) {
	return {
		iss: platform.issuer,
		aud: platform.clientId,
		sub: 'lms-user-1',
		nonce,
		name: 'Aigerim LMS',
		[`${LTI}message_type`]: 'LtiResourceLinkRequest',
		[`${LTI}version`]: '1.3.0',
		[`${LTI}deployment_id`]: platform.deploymentId,
		[`${LTI}target_link_uri`]: `${server.url}/courses/sample-course`,
		[`${LTI}resource_link`]: { id: 'link-1' },
		[`${LTI}roles`]: [ROLES.learner],
		[`${LTI}context`]: { id: 'course-7', title: 'Grade 9B Safety' },
		...overrides,
	}
}

function launch(form: { id_token: string; state: string }, cookie: string | null, headers: Record<string, string> = {}) {
	return fetch(`${server.url}/lti/launch`, {
		method: 'POST',
		body: new URLSearchParams(form),
		redirect: 'manual',
		headers: { Origin: platform.origin, 'Accept-Language': 'ru', ...(cookie ? { Cookie: cookie } : {}), ...headers },
	})
}

async function launchAs(sub: string, overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
	const started = await login()
	return launch({ id_token: await platform.idToken(claims(started.nonce, { sub, ...overrides })), state: started.state }, started.cookie, headers)
}

describe('a resource-link launch', () => {
	test('login (GET and POST) → launch → the course page, signed in as the mapped learner', async () => {
		for (const via of ['GET', 'POST'] as const) {
			const started = await login('/courses/sample-course', via)
			const response = await launch({ id_token: await platform.idToken(claims(started.nonce, { sub: `lms-${via}` })), state: started.state }, started.cookie)
			expect(response.status).toBe(303)
			expect(response.headers.get('Location')).toBe('/courses/sample-course')
			const session = cookieOf(response, 'qs')!
			expect(session).toBeTruthy()
			const page = await fetch(`${server.url}/courses/sample-course`, { headers: { Cookie: session } })
			expect(page.status).toBe(200)
			const account = await fetch(`${server.url}/account`, { headers: { Cookie: session }, redirect: 'manual' })
			expect(account.status).toBe(200)
			expect(await account.text()).toContain('Aigerim LMS')
		}
		const mapped = await prisma.ltiUser.findFirstOrThrow({ where: { sub: 'lms-GET' }, select: { userId: true } })
		expect(await prisma.membership.findFirstOrThrow({ where: { orgId: org.id, userId: mapped.userId }, select: { role: true } })).toEqual({ role: 'learner' })
		const context = await prisma.ltiContext.findFirstOrThrow({ where: { contextId: 'course-7' }, select: { group: { select: { name: true, orgId: true, members: { select: { userId: true } }, assignments: { select: { courseSlug: true } } } } } })
		expect(context.group).toMatchObject({ name: 'Grade 9B Safety', orgId: org.id, assignments: [{ courseSlug: 'sample-course' }] })
		expect(context.group.members.map((member) => member.userId)).toContain(mapped.userId)
	})

	test('a lesson link opens the lesson; the same LMS user is the same account next time', async () => {
		const lesson = `${server.url}/courses/sample-course/lessons/second-lesson`
		const first = await launchAs('lms-lesson', { [`${LTI}target_link_uri`]: lesson })
		expect(first.headers.get('Location')).toBe('/courses/sample-course/lessons/second-lesson')
		await launchAs('lms-lesson')
		expect(await prisma.ltiUser.count({ where: { sub: 'lms-lesson' } })).toBe(1)
	})

	test('without a name the account is pseudonymous; an instructor becomes the organisation’s teacher, outside the group', async () => {
		await launchAs('lms-anonymous', { name: undefined })
		const anonymous = await prisma.ltiUser.findFirstOrThrow({ where: { sub: 'lms-anonymous' }, select: { user: { select: { displayName: true, email: true } } } })
		expect(anonymous.user.displayName).toMatch(/^LMS-[0-9a-f]{8}$/)
		expect(anonymous.user.email).toBeNull()

		await launchAs('lms-teacher', { [`${LTI}roles`]: [ROLES.instructor], name: 'Teacher LMS' })
		const teacher = await prisma.ltiUser.findFirstOrThrow({ where: { sub: 'lms-teacher' }, select: { userId: true } })
		expect(await prisma.membership.findFirstOrThrow({ where: { orgId: org.id, userId: teacher.userId }, select: { role: true } })).toEqual({ role: 'admin' })
		expect(await prisma.groupMember.count({ where: { userId: teacher.userId } })).toBe(0)
	})

	test('inside the LMS’s iframe: a page that opens the course in a new tab with a one-time token', async () => {
		const response = await launchAs('lms-framed', {}, { 'Sec-Fetch-Dest': 'iframe' })
		expect(response.status).toBe(200)
		expect(response.headers.get('X-Frame-Options')).toBeNull()
		expect(response.headers.get('Content-Security-Policy')).toContain('frame-ancestors *')
		expect(cookieOf(response, 'qs')).toBeUndefined()
		const html = await response.text()
		expect(html).toContain(ru.handoff.button)
		const token = /name="token" value="([^"]+)"/.exec(html)![1]!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
		const opened = await fetch(`${server.url}/lti/continue`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual' })
		expect(opened.status).toBe(303)
		expect(opened.headers.get('Location')).toBe('/courses/sample-course')
		expect(cookieOf(opened, 'qs')).toBeTruthy()
		const again = await fetch(`${server.url}/lti/continue`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual', headers: { 'Accept-Language': 'ru' } })
		expect(again.status).toBe(400)
		expect(await again.text()).toContain(ru.handoff.expired)
	})
})

describe('refused launches: a translated 4xx page, no session', () => {
	async function expectRefused(response: Response, status: number, reason: keyof typeof ru.refused) {
		expect(response.status).toBe(status)
		expect(response.headers.get('Content-Type')).toMatch(/^text\/html/)
		expect(cookieOf(response, 'qs')).toBeUndefined()
		const html = await response.text()
		expect(html).toContain('lang="ru"')
		expect(html).toContain(ru.refused[reason].replace(/'/g, '&#39;'))
	}

	test('a bad signature (another key under the platform’s key id)', async () => {
		const started = await login()
		const { privateKey } = await generateKeyPair('RS256')
		const token = await platform.idToken(claims(started.nonce), { key: privateKey })
		await expectRefused(await launch({ id_token: token, state: started.state }, started.cookie), 401, 'signature')
	})

	test('a replayed nonce: the same launch posted twice', async () => {
		const started = await login()
		const form = { id_token: await platform.idToken(claims(started.nonce, { sub: 'lms-replay' })), state: started.state }
		expect((await launch(form, started.cookie)).status).toBe(303)
		await expectRefused(await launch(form, started.cookie), 401, 'nonce')
	})

	test('a wrong audience, and several audiences without this tool as the authorised party', async () => {
		const started = await login()
		await expectRefused(await launch({ id_token: await platform.idToken(claims(started.nonce, { aud: 'another-tool' })), state: started.state }, started.cookie), 401, 'audience')
		const second = await login()
		const token = await platform.idToken(claims(second.nonce, { aud: [platform.clientId, 'another-tool'], azp: 'another-tool' }))
		await expectRefused(await launch({ id_token: token, state: second.state }, second.cookie), 401, 'audience')
	})

	test('an expired token', async () => {
		const started = await login()
		const now = Math.floor(Date.now() / 1000)
		const token = await platform.idToken(claims(started.nonce), { iat: now - 600, exp: now - 120 })
		await expectRefused(await launch({ id_token: token, state: started.state }, started.cookie), 401, 'expired')
	})

	test('an unknown deployment', async () => {
		const started = await login()
		const token = await platform.idToken(claims(started.nonce, { [`${LTI}deployment_id`]: 'someone-elses-deployment' }))
		await expectRefused(await launch({ id_token: token, state: started.state }, started.cookie), 403, 'deployment')
	})

	test('a wrong state: another login’s, or no state cookie at all', async () => {
		const first = await login()
		const second = await login()
		const token = await platform.idToken(claims(first.nonce))
		await expectRefused(await launch({ id_token: token, state: first.state }, second.cookie), 401, 'state')
		await expectRefused(await launch({ id_token: token, state: first.state }, null), 401, 'state')
	})

	test('a nonce other than the login’s, an unknown platform, a wrong message type', async () => {
		const started = await login()
		await expectRefused(await launch({ id_token: await platform.idToken(claims('not-the-nonce')), state: started.state }, started.cookie), 401, 'nonce')
		const unknown = await fetch(`${server.url}/lti/login?${new URLSearchParams({ iss: 'https://unknown.example', login_hint: 'x', target_link_uri: `${server.url}/courses` })}`, { headers: { 'Accept-Language': 'ru' } })
		await expectRefused(unknown, 403, 'platform')
		const third = await login()
		await expectRefused(await launch({ id_token: await platform.idToken(claims(third.nonce, { [`${LTI}message_type`]: 'LtiSubmissionReviewRequest' })), state: third.state }, third.cookie), 400, 'message')
	})
})

describe('Deep Linking', () => {
	const returnUrl = () => `${platform.origin}/deep-link-return`
	const deepLinkClaims = (nonce: string, roles = [ROLES.instructor]) =>
		claims(nonce, {
			sub: 'lms-dl-teacher',
			[`${LTI}message_type`]: 'LtiDeepLinkingRequest',
			[`${LTI}target_link_uri`]: `${server.url}/lti/launch`,
			[`${LTI}resource_link`]: undefined,
			[`${LTI}roles`]: roles,
			'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings': { deep_link_return_url: returnUrl(), accept_types: ['ltiResourceLink'], accept_multiple: true, data: 'opaque-platform-data' },
		})

	test('an instructor picks a course and a lesson; the response is signed with the tool’s published key', async () => {
		const started = await login('/lti/launch')
		const response = await launch({ id_token: await platform.idToken(deepLinkClaims(started.nonce)), state: started.state }, started.cookie)
		expect(response.status).toBe(303)
		const picker = `${server.url}${response.headers.get('Location')!}`
		expect(picker).toContain('/lti/deep-link?token=')
		const page = await fetch(picker, { headers: { 'Accept-Language': 'en' } })
		expect(page.status).toBe(200)
		expect(page.headers.get('Content-Security-Policy')).toContain(`form-action 'self' ${platform.origin}`)
		expect(page.headers.get('Content-Security-Policy')).toContain('frame-ancestors *')
		const html = await page.text()
		expect(html).toContain('value="course:sample-course"')
		expect(html).toContain('value="lesson:sample-course/first-lesson"')

		const token = new URL(picker).searchParams.get('token')!
		const empty = await fetch(picker, { method: 'POST', body: new URLSearchParams({ token }), headers: { 'Accept-Language': 'en' } })
		expect(empty.status).toBe(400)
		expect(await empty.text()).toContain(resources.en.common.lti.deepLink.noneChosen)

		const body = new URLSearchParams({ token })
		body.append('item', 'course:sample-course')
		body.append('item', 'lesson:sample-course/first-lesson')
		const chosen = await fetch(picker, { method: 'POST', body })
		expect(chosen.status).toBe(200)
		const answer = await chosen.text()
		expect(answer).toContain(`action="${returnUrl()}"`)
		const jwt = /name="JWT" value="([^"]+)"/.exec(answer)![1]!
		const { payload, protectedHeader } = await jwtVerify(jwt, createRemoteJWKSet(new URL(`${server.url}/lti/jwks`)), { issuer: platform.clientId, audience: platform.issuer })
		expect(protectedHeader.alg).toBe('RS256')
		expect(payload).toMatchObject({
			nonce: expect.any(String),
			[`${LTI}message_type`]: 'LtiDeepLinkingResponse',
			[`${LTI}version`]: '1.3.0',
			[`${LTI}deployment_id`]: platform.deploymentId,
			'https://purl.imsglobal.org/spec/lti-dl/claim/data': 'opaque-platform-data',
			'https://purl.imsglobal.org/spec/lti-dl/claim/content_items': [
				{ type: 'ltiResourceLink', url: `${server.url}/courses/sample-course`, lineItem: { scoreMaximum: 100, resourceId: 'sample-course' } },
				{ type: 'ltiResourceLink', url: `${server.url}/courses/sample-course/lessons/first-lesson` },
			],
		})
	})

	test('a learner cannot pick; a forged picker token is refused', async () => {
		const started = await login('/lti/launch')
		const response = await launch({ id_token: await platform.idToken(deepLinkClaims(started.nonce, [ROLES.learner])), state: started.state }, started.cookie)
		expect(response.status).toBe(403)
		expect(await response.text()).toContain(ru.refused.notInstructor)
		const forged = await fetch(`${server.url}/lti/deep-link?token=eyJhbGciOiJub25lIn0.e30.`, { headers: { 'Accept-Language': 'en' } })
		expect(forged.status).toBe(400)
	})
})

describe('Assignment and Grade Services', () => {
	test('the quiz score reaches the platform’s line item, also when the platform was down at the time', async () => {
		const response = await launchAs('lms-graded', { 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': { scope: [SCORE_SCOPE], lineitem: platform.lineItem('42') } })
		const session = cookieOf(response, 'qs')!
		const { userId } = await prisma.ltiUser.findFirstOrThrow({ where: { sub: 'lms-graded' }, select: { userId: true } })
		const learner = await prisma.learner.findUniqueOrThrow({ where: { userId }, select: { id: true } })
		await completeLessons(prisma, learner.id, 'sample-course', ['first-lesson', 'second-lesson', 'third-lesson'])

		const quiz = await (await fetch(`${server.url}/courses/sample-course/quiz?lng=en`, { headers: { Cookie: session } })).text()
		const token = /name="token" value="([^"]+)"/.exec(quiz)![1]!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&quot;/g, '"').replace(/&amp;/g, '&')
		const answers = new URLSearchParams({ token })
		for (const [id, chosen] of Object.entries(RIGHT)) for (const option of chosen) answers.append(`q-${id}`, option)

		platform.state.down = true
		const submitted = await fetch(`${server.url}/courses/sample-course/quiz?lng=en`, { method: 'POST', body: answers, headers: { Cookie: session }, redirect: 'manual' })
		expect(submitted.status).toBe(302)
		const delivery = await waitFor(() => prisma.ltiScoreDelivery.findFirst({ where: { sub: 'lms-graded', tries: { gte: 1 } } }))
		expect(delivery).toMatchObject({ deliveredAt: null, scoreGiven: 4, scoreMaximum: 4, lineItemUrl: platform.lineItem('42') })
		expect(delivery.lastError).toMatch(/503/)
		expect(delivery.nextAttemptAt.getTime()).toBeGreaterThan(Date.now())
		expect(platform.scores).toEqual([])

		// The platform is back; the retry is made due now rather than waiting out the backoff.
		platform.state.down = false
		await prisma.ltiScoreDelivery.update({ where: { id: delivery.id }, data: { nextAttemptAt: new Date() } })
		const score = await waitFor(async () => platform.scores.find((one) => one.body.userId === 'lms-graded'))
		expect(score).toMatchObject({ lineItem: '42', body: { userId: 'lms-graded', scoreGiven: 4, scoreMaximum: 4, activityProgress: 'Completed', gradingProgress: 'FullyGraded' } })
		expect(new Date(score.body.timestamp as string).getTime()).toBeGreaterThan(0)
		// The platform has the score before the server records the delivery: wait for that write.
		await waitFor(() => prisma.ltiScoreDelivery.findFirst({ where: { id: delivery.id, deliveredAt: { not: null } } }))
	})
})

describe('registration by the organisation’s owner', () => {
	test('Dynamic Registration with the owner’s one-time link stores the platform for the organisation', async () => {
		const other = await startTestPlatform({ toolJwksUrl: () => `${server.url}/lti/jwks` })
		try {
			const made = await fetch(`${server.url}/orgs/${org.slug}/lti`, { method: 'POST', body: new URLSearchParams({ intent: 'link' }), headers: { Cookie: ownerCookie } })
			expect(made.status).toBe(200)
			const link = new URL(/(http:\/\/127\.0\.0\.1:\d+\/lti\/register\?token=[A-Za-z0-9_-]+)/.exec(await made.text())![1]!)
			link.searchParams.set('openid_configuration', `${other.origin}/.well-known/openid-configuration`)
			link.searchParams.set('registration_token', 'platform-registration-token')
			const page = await fetch(link, { headers: { 'Accept-Language': 'en' } })
			expect(page.status).toBe(200)
			expect(page.headers.get('Content-Security-Policy')).toContain('frame-ancestors *')
			expect(await page.text()).toContain('LTI School')

			const form = new URLSearchParams({ token: link.searchParams.get('token')!, openid_configuration: link.searchParams.get('openid_configuration')!, registration_token: 'platform-registration-token' })
			// The page's form posts to the page's own address, as the LMS opened it.
			const done = await fetch(link, { method: 'POST', body: form, headers: { 'Accept-Language': 'en' } })
			expect(done.status).toBe(200)
			expect(await done.text()).toContain('is connected to Qorgau')
			expect(other.registrations).toHaveLength(1)
			expect(other.registrations[0]!.authorization).toBe('Bearer platform-registration-token')
			expect(other.registrations[0]!.body).toMatchObject({
				initiate_login_uri: `${server.url}/lti/login`,
				redirect_uris: [`${server.url}/lti/launch`],
				jwks_uri: `${server.url}/lti/jwks`,
				token_endpoint_auth_method: 'private_key_jwt',
				scope: SCORE_SCOPE,
			})
			const stored = await prisma.ltiPlatform.findFirstOrThrow({ where: { issuer: other.issuer }, select: { orgId: true, clientId: true, jwksUrl: true, deployments: { select: { deploymentId: true } } } })
			expect(stored).toEqual({ orgId: org.id, clientId: other.clientId, jwksUrl: other.jwksUrl, deployments: [{ deploymentId: other.deploymentId }] })

			// The link worked once.
			const again = await fetch(link, { method: 'POST', body: form, headers: { 'Accept-Language': 'en' } })
			expect(again.status).toBe(404)
			expect(other.registrations).toHaveLength(1)
		} finally {
			await other.stop()
		}
	})

	test('manual registration: a valid form registers the platform, an address that is not a URL is a translated 400', async () => {
		const fields = { intent: 'add', name: 'Moodle', issuer: 'http://moodle.example', clientId: 'abc123', authUrl: 'http://moodle.example/mod/lti/auth.php', tokenUrl: 'http://moodle.example/mod/lti/token.php', jwksUrl: 'http://moodle.example/mod/lti/certs.php', deploymentIds: '3\n4' }
		const bad = await fetch(`${server.url}/orgs/${org.slug}/lti`, { method: 'POST', body: new URLSearchParams({ ...fields, jwksUrl: 'not a url' }), headers: { Cookie: ownerCookie, 'Accept-Language': 'en' } })
		expect(bad.status).toBe(400)
		expect(await bad.text()).toContain(resources.en.common.lti.settings.badUrl)
		const saved = await fetch(`${server.url}/orgs/${org.slug}/lti`, { method: 'POST', body: new URLSearchParams(fields), headers: { Cookie: ownerCookie }, redirect: 'manual' })
		expect(saved.status).toBe(302)
		const stored = await prisma.ltiPlatform.findFirstOrThrow({ where: { issuer: 'http://moodle.example' }, select: { orgId: true, deployments: { select: { deploymentId: true }, orderBy: { deploymentId: 'asc' } } } })
		expect(stored).toEqual({ orgId: org.id, deployments: [{ deploymentId: '3' }, { deploymentId: '4' }] })
	})
})

async function waitFor<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 20_000): Promise<T> {
	const until = Date.now() + timeoutMs
	for (;;) {
		const value = await probe()
		if (value) return value
		if (Date.now() > until) throw new Error('timed out waiting')
		await new Promise((resolve) => setTimeout(resolve, 200))
	}
}
