// Who an LTI launch is (decision 021): the OIDC third-party login that binds state and nonce to
// this browser, the id_token checked against the platform, and the Qorgau account it signs in.
import { randomBytes } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import { orgRoleFor } from '~/lti/claims.ts'
import { LaunchRefused, claimedSender, verifyIdToken, type Launch } from '~/lti/id-token.server.ts'
import { readToolToken, signAsTool } from '~/lti/keys.server.ts'
import { accountForLaunch, findPlatform, isKnownDeployment, platformById, spendNonce } from '~/models/lti.server.ts'
import { sessionSecret } from '~/utils/env.server.ts'
import { createSession } from '~/auth/session.server.ts'

const LOGIN_SECONDS = 10 * 60

/**
 * The login's state cookie, one per login so that several launches on one LMS page do not
 * overwrite each other. The launch is a cross-site form post from the platform (often inside its
 * iframe): only a SameSite=None cookie comes along, and browsers take those only when Secure.
 */
function stateCookie(state: string) {
	return createCookie(`lti-${state}`, { path: '/lti/launch', httpOnly: true, sameSite: 'none', secure: true, maxAge: LOGIN_SECONDS, secrets: [sessionSecret()] })
}

const STATE = /^[A-Za-z0-9_-]{22}$/

type LoginRequest = { iss: string; login_hint: string; target_link_uri: string; lti_message_hint?: string; client_id?: string; lti_deployment_id?: string }

/**
 * Answers a login initiation: the platform's authorisation URL to send the browser to, and the
 * cookie that the launch must come back with. Null when the platform is not registered.
 */
export async function startLogin(login: LoginRequest, redirectUri: string): Promise<{ location: string; setCookie: string } | null> {
	const platform = await findPlatform(login.iss, login.client_id)
	if (!platform) return null
	const state = randomBytes(16).toString('base64url')
	const nonce = randomBytes(16).toString('base64url')
	const url = new URL(platform.authUrl)
	const params: Record<string, string> = {
		scope: 'openid',
		response_type: 'id_token',
		response_mode: 'form_post',
		prompt: 'none',
		client_id: platform.clientId,
		redirect_uri: redirectUri,
		login_hint: login.login_hint,
		state,
		nonce,
		...(login.lti_message_hint ? { lti_message_hint: login.lti_message_hint } : {}),
	}
	for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value)
	const setCookie = await stateCookie(state).serialize({ nonce, platformId: platform.id })
	return { location: url.href, setCookie }
}

export type VerifiedLaunch = Launch & { platform: NonNullable<Awaited<ReturnType<typeof platformById>>> }

/** The launch, verified end to end, or LaunchRefused naming what failed. */
export async function verifyLaunch(request: Request, form: { id_token: string; state: string }): Promise<VerifiedLaunch> {
	if (!STATE.test(form.state)) throw new LaunchRefused('state')
	const saved = (await stateCookie(form.state).parse(request.headers.get('Cookie'))) as { nonce?: unknown; platformId?: unknown } | null
	if (!saved || typeof saved.nonce !== 'string' || typeof saved.platformId !== 'string') throw new LaunchRefused('state')
	const sender = claimedSender(form.id_token)
	const platform = await platformById(saved.platformId)
	if (!platform || platform.issuer !== sender.issuer) throw new LaunchRefused('platform')
	if (!sender.clientIds.includes(platform.clientId)) throw new LaunchRefused('audience')
	const launch = await verifyIdToken(form.id_token, platform, saved.nonce)
	if (!(await isKnownDeployment(platform.id, launch.deploymentId))) throw new LaunchRefused('deployment')
	const expiresAt = new Date(((launch.payload.exp ?? 0) + 60) * 1000)
	if (!(await spendNonce(platform.id, launch.payload.nonce as string, expiresAt))) throw new LaunchRefused('nonce')
	return { ...launch, platform }
}

/** The Set-Cookie header that forgets a used login state. */
export function clearLoginState(state: string): Promise<string> {
	return stateCookie(STATE.test(state) ? state : 'x'.repeat(22)).serialize('', { maxAge: 0 })
}

/** The account the launch is for, made or updated from what the LMS sent. */
export function launchAccount(launch: VerifiedLaunch, locale: string): Promise<string> {
	return accountForLaunch({ platformId: launch.platform.id, orgId: launch.platform.orgId, sub: launch.sub, name: launch.name, locale, role: orgRoleFor(launch.roles) })
}

export const signInAs = (userId: string) => createSession(userId)

// Inside the LMS's iframe the session cookie (SameSite=Lax) would not come along, and the
// app's pages refuse to be framed: the launch there hands over to a new tab with a one-time,
// two-minute token instead (decision 021).
const HANDOFF = 'qorgau:lti-handoff'

export function handoffToken(userId: string, target: string): Promise<string> {
	return signAsTool({ iss: 'qorgau', aud: HANDOFF, sub: userId, target, jti: randomBytes(16).toString('base64url') }, 120)
}

/** The account and page a handoff token is for, once: null when it is unknown, expired or used. */
export async function redeemHandoff(token: string): Promise<{ userId: string; target: string } | null> {
	const payload = await readToolToken(token, HANDOFF)
	if (!payload?.sub || typeof payload.target !== 'string' || typeof payload.jti !== 'string') return null
	if (!(await spendNonce('handoff', payload.jti, new Date(((payload.exp ?? 0) + 60) * 1000)))) return null
	return { userId: payload.sub, target: payload.target }
}

// Between a Deep Linking request and the instructor's choice: what the response must carry, in
// a token signed by the tool (the picker needs no session inside the LMS's frame).
const DEEP_LINK = 'qorgau:deep-link'
type DeepLinkGrant = { platformId: string; deploymentId: string; returnUrl: string; data: string | null; acceptMultiple: boolean }

export function deepLinkToken(launch: VerifiedLaunch): Promise<string> {
	const settings = launch.deepLinking!
	return signAsTool(
		{ iss: 'qorgau', aud: DEEP_LINK, sub: launch.sub, platformId: launch.platform.id, deploymentId: launch.deploymentId, returnUrl: settings.returnUrl, data: settings.data, acceptMultiple: settings.acceptMultiple },
		60 * 60,
	)
}

export async function readDeepLinkToken(token: unknown): Promise<DeepLinkGrant | null> {
	if (typeof token !== 'string') return null
	const payload = await readToolToken(token, DEEP_LINK)
	if (!payload || typeof payload.platformId !== 'string' || typeof payload.deploymentId !== 'string' || typeof payload.returnUrl !== 'string') return null
	return {
		platformId: payload.platformId,
		deploymentId: payload.deploymentId,
		returnUrl: payload.returnUrl,
		data: typeof payload.data === 'string' ? payload.data : null,
		acceptMultiple: payload.acceptMultiple !== false,
	}
}
