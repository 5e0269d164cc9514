// Checking a launch's id_token (LTI Core 1.3 §5.1.3, Security Framework §5.1.3): the signature
// against the platform's key set, then issuer, audience and authorised party, lifetime, nonce,
// message type and version. Deployment ids and nonce reuse are checked against the database by
// the caller; this module knows no database.
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose'
import { CLAIM, LTI_VERSION, MESSAGE_TYPES, type MessageType } from '~/lti/claims.ts'

/** Why a launch was refused: each names a translated explanation (lti.refused.*). */
export type Refusal = 'malformed' | 'platform' | 'signature' | 'audience' | 'expired' | 'nonce' | 'state' | 'deployment' | 'message' | 'version' | 'target'

export class LaunchRefused extends Error {
	constructor(readonly reason: Refusal) {
		super(`LTI launch refused: ${reason}`)
	}
}

// A launch is used at once: a token issued longer ago than this is stale even if unexpired.
const MAX_TOKEN_AGE_SECONDS = 10 * 60
const CLOCK_TOLERANCE_SECONDS = 30

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>()
function platformKeys(jwksUrl: string) {
	let keys = keySets.get(jwksUrl)
	if (!keys) {
		keys = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 })
		keySets.set(jwksUrl, keys)
	}
	return keys
}

/** Issuer and client id as the token claims them, unverified: enough to find the platform. */
export function claimedSender(idToken: string): { issuer: string; clientIds: string[] } {
	let payload: JWTPayload
	try {
		payload = decodeJwt(idToken)
	} catch {
		throw new LaunchRefused('malformed')
	}
	const aud = typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : []
	if (typeof payload.iss !== 'string' || aud.length === 0) throw new LaunchRefused('malformed')
	return { issuer: payload.iss, clientIds: typeof payload.azp === 'string' ? [payload.azp] : aud }
}

export type Launch = {
	messageType: MessageType
	sub: string
	deploymentId: string
	name: string | null
	roles: string[]
	targetLinkUri: string | null
	context: { id: string; title: string | null } | null
	resourceLinkId: string | null
	lineItemUrl: string | null
	scopes: string[]
	deepLinking: { returnUrl: string; data: string | null; acceptMultiple: boolean } | null
	locale: string | null
	payload: JWTPayload
}

type Platform = { issuer: string; clientId: string; jwksUrl: string }

/** The verified launch, or LaunchRefused naming the first check that failed. */
export async function verifyIdToken(idToken: string, platform: Platform, expectedNonce: string): Promise<Launch> {
	let payload: JWTPayload
	try {
		;({ payload } = await jwtVerify(idToken, platformKeys(platform.jwksUrl), {
			algorithms: ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'PS256'],
			issuer: platform.issuer,
			audience: platform.clientId,
			maxTokenAge: MAX_TOKEN_AGE_SECONDS,
			clockTolerance: CLOCK_TOLERANCE_SECONDS,
			requiredClaims: ['sub', 'iat', 'exp', 'nonce'],
		}))
	} catch (error) {
		throw new LaunchRefused(refusalOf(error))
	}
	const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud]
	// Several audiences: the authorised party must be this tool (OIDC Core §3.1.3.7).
	if ((aud.length > 1 || payload.azp !== undefined) && payload.azp !== platform.clientId) throw new LaunchRefused('audience')
	if (payload.nonce !== expectedNonce) throw new LaunchRefused('nonce')
	const messageType = payload[CLAIM.messageType]
	if (!MESSAGE_TYPES.includes(messageType as MessageType)) throw new LaunchRefused('message')
	if (payload[CLAIM.version] !== LTI_VERSION) throw new LaunchRefused('version')
	const deploymentId = payload[CLAIM.deploymentId]
	if (typeof deploymentId !== 'string' || deploymentId.length === 0 || deploymentId.length > 255) throw new LaunchRefused('deployment')
	return readLaunch(payload, messageType as MessageType, deploymentId)
}

function refusalOf(error: unknown): Refusal {
	if (error instanceof errors.JWTExpired) return 'expired'
	if (error instanceof errors.JWTClaimValidationFailed) {
		if (error.claim === 'aud') return 'audience'
		if (error.claim === 'iat' || error.claim === 'nbf') return 'expired'
		if (error.claim === 'iss') return 'platform'
		return 'malformed'
	}
	if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JOSEAlgNotAllowed) return 'signature'
	if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed'
	// The key set could not be fetched or read: the platform's side.
	return 'platform'
}

const text = (value: unknown, max = 1000): string | null => (typeof value === 'string' && value.trim() && value.length <= max ? value.trim() : null)
const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {})

function readLaunch(payload: JWTPayload, messageType: MessageType, deploymentId: string): Launch {
	const sub = text(payload.sub, 255)
	if (!sub) throw new LaunchRefused('malformed')
	const roles = Array.isArray(payload[CLAIM.roles]) ? (payload[CLAIM.roles] as unknown[]).filter((role): role is string => typeof role === 'string') : []
	const context = record(payload[CLAIM.context])
	const contextId = text(context.id, 255)
	const ags = record(payload[CLAIM.agsEndpoint])
	const scopes = Array.isArray(ags.scope) ? ags.scope.filter((scope): scope is string => typeof scope === 'string') : []
	const settings = record(payload[CLAIM.deepLinkingSettings])
	const returnUrl = text(settings.deep_link_return_url, 2000)
	if (messageType === 'LtiDeepLinkingRequest' && !returnUrl) throw new LaunchRefused('message')
	const name = text(payload.name, 200) ?? ([text(payload.given_name, 100), text(payload.family_name, 100)].filter(Boolean).join(' ') || null)
	const launchPresentation = record(payload['https://purl.imsglobal.org/spec/lti/claim/launch_presentation'])
	return {
		messageType,
		sub,
		deploymentId,
		name,
		roles,
		targetLinkUri: text(payload[CLAIM.targetLinkUri], 2000),
		context: contextId ? { id: contextId, title: text(context.title, 200) ?? text(context.label, 200) } : null,
		resourceLinkId: text(record(payload[CLAIM.resourceLink]).id, 255),
		lineItemUrl: text(ags.lineitem, 2000),
		scopes,
		deepLinking: returnUrl ? { returnUrl, data: text(settings.data, 4000), acceptMultiple: settings.accept_multiple !== false } : null,
		locale: text(launchPresentation.locale, 20) ?? text(payload.locale, 20),
		payload,
	}
}
