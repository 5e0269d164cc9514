// LTI Dynamic Registration 1.0 (decision 021): read the platform's OpenID configuration, send it
// the tool's registration, and return what the platform is to be stored as.
import { getEnv } from '~/utils/env.server.ts'
import { SCORE_SCOPE } from '~/lti/claims.ts'

const TIMEOUT_MS = 10_000
const MAX_BYTES = 256 * 1024

export class RegistrationFailed extends Error {}

type Registered = { name: string; issuer: string; clientId: string; authUrl: string; tokenUrl: string; jwksUrl: string; deploymentIds: string[] }

/** A URL a deployment may call: https only (plain http only outside deployments, for tests). */
export function isCallableUrl(value: unknown): value is string {
	if (typeof value !== 'string' || value.length > 2000) return false
	try {
		const url = new URL(value)
		return url.protocol === 'https:' || (url.protocol === 'http:' && !getEnv().isDeployment)
	} catch {
		return false
	}
}

async function fetchJson(url: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
	let response: Response
	try {
		response = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) })
	} catch (error) {
		throw new RegistrationFailed(`could not reach ${new URL(url).host}`, { cause: error })
	}
	const text = await response.text()
	if (!response.ok) throw new RegistrationFailed(`${new URL(url).host} answered ${response.status}`)
	if (text.length > MAX_BYTES) throw new RegistrationFailed('the answer is too large')
	try {
		const body: unknown = JSON.parse(text)
		if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>
	} catch {
		// Not JSON: refused below.
	}
	throw new RegistrationFailed('the answer is not a JSON object')
}

/** What the tool asks to be registered as (Dynamic Registration §3.5, LTI Core's tool configuration). */
function toolRegistration(origin: string) {
	return {
		application_type: 'web',
		response_types: ['id_token'],
		grant_types: ['implicit', 'client_credentials'],
		initiate_login_uri: `${origin}/lti/login`,
		redirect_uris: [`${origin}/lti/launch`],
		client_name: 'Qorgau',
		jwks_uri: `${origin}/lti/jwks`,
		token_endpoint_auth_method: 'private_key_jwt',
		scope: SCORE_SCOPE,
		'https://purl.imsglobal.org/spec/lti-tool-configuration': {
			domain: new URL(origin).host,
			target_link_uri: `${origin}/courses`,
			claims: ['iss', 'sub', 'name', 'given_name', 'family_name'],
			messages: [{ type: 'LtiDeepLinkingRequest', target_link_uri: `${origin}/lti/launch`, label: 'Qorgau' }],
		},
	}
}

/** Registers the tool with the platform whose configuration is at `configurationUrl`. */
export async function registerWithPlatform(configurationUrl: string, registrationToken: string | undefined, origin: string): Promise<Registered> {
	if (!isCallableUrl(configurationUrl)) throw new RegistrationFailed('the configuration address is not https')
	const config = await fetchJson(configurationUrl, { headers: { Accept: 'application/json' } })
	const { issuer, authorization_endpoint, token_endpoint, jwks_uri, registration_endpoint } = config
	const endpoints = [issuer, authorization_endpoint, token_endpoint, jwks_uri, registration_endpoint]
	if (!endpoints.every(isCallableUrl)) throw new RegistrationFailed('the configuration lacks an endpoint')
	// The configuration must come from the platform it describes (Dynamic Registration §3.4.1).
	if (new URL(issuer as string).host !== new URL(configurationUrl).host) throw new RegistrationFailed('the issuer is not where the configuration is')
	const answer = await fetchJson(registration_endpoint as string, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(registrationToken ? { Authorization: `Bearer ${registrationToken}` } : {}) },
		body: JSON.stringify(toolRegistration(origin)),
	})
	const clientId = answer.client_id
	if (typeof clientId !== 'string' || !clientId || clientId.length > 255) throw new RegistrationFailed('the platform gave no client_id')
	const toolConfiguration = answer['https://purl.imsglobal.org/spec/lti-tool-configuration'] as { deployment_id?: unknown } | undefined
	const deploymentId = toolConfiguration?.deployment_id
	const platformConfiguration = config['https://purl.imsglobal.org/spec/lti-platform-configuration'] as { product_family_code?: unknown } | undefined
	const family = typeof platformConfiguration?.product_family_code === 'string' ? platformConfiguration.product_family_code.slice(0, 50) : null
	return {
		name: family ? `${family} (${new URL(issuer as string).host})` : new URL(issuer as string).host,
		issuer: issuer as string,
		clientId,
		authUrl: authorization_endpoint as string,
		tokenUrl: token_endpoint as string,
		jwksUrl: jwks_uri as string,
		deploymentIds: typeof deploymentId === 'string' && deploymentId && deploymentId.length <= 255 ? [deploymentId] : [],
	}
}
