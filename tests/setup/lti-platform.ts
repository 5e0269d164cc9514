// A test LMS for the LTI suites: its own RSA key and its own HTTP endpoints on a random port (key
// set, OAuth token endpoint, a line item's scores service, an OpenID configuration and a
// registration endpoint for Dynamic Registration). It signs real id_tokens and checks the tool's
// signed client assertions against the tool's /lti/jwks, as Moodle and Canvas do.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK, type JWTPayload, type CryptoKey } from 'jose'

export const LTI = 'https://purl.imsglobal.org/spec/lti/claim/'
export const SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score'
export const ROLES = {
	learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
	instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
}

export type ReceivedScore = { lineItem: string; body: Record<string, unknown> }

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		let body = ''
		req.on('data', (chunk: Buffer) => (body += chunk.toString()))
		req.on('end', () => resolve(body))
		req.on('error', reject)
	})
}

export async function startTestPlatform(options: { toolJwksUrl: () => string; clientId?: string; deploymentId?: string }) {
	const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
	const kid = randomBytes(6).toString('hex')
	const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }
	const clientId = options.clientId ?? `client-${randomBytes(4).toString('hex')}`
	const deploymentId = options.deploymentId ?? `deployment-${randomBytes(4).toString('hex')}`
	const scores: ReceivedScore[] = []
	const registrations: { body: Record<string, unknown>; authorization: string | undefined }[] = []
	const issuedTokens = new Set<string>()
	const state = { down: false }
	let origin = ''

	const server: Server = createServer((req, res) => {
		void (async () => {
			const url = new URL(req.url ?? '/', origin)
			const json = (status: number, body: unknown) => {
				res.writeHead(status, { 'Content-Type': 'application/json' })
				res.end(JSON.stringify(body))
			}
			if (state.down && url.pathname !== '/jwks') return json(503, { error: 'down for maintenance' })
			if (url.pathname === '/jwks') return json(200, { keys: [jwk] })
			if (url.pathname === '/.well-known/openid-configuration') {
				return json(200, {
					issuer: origin,
					authorization_endpoint: `${origin}/auth`,
					token_endpoint: `${origin}/token`,
					jwks_uri: `${origin}/jwks`,
					registration_endpoint: `${origin}/register`,
					'https://purl.imsglobal.org/spec/lti-platform-configuration': { product_family_code: 'testlms', version: '1.0', messages_supported: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest' }] },
				})
			}
			if (url.pathname === '/register' && req.method === 'POST') {
				registrations.push({ body: JSON.parse(await readBody(req)) as Record<string, unknown>, authorization: req.headers.authorization })
				return json(200, { client_id: clientId, 'https://purl.imsglobal.org/spec/lti-tool-configuration': { deployment_id: deploymentId } })
			}
			if (url.pathname === '/token' && req.method === 'POST') {
				const form = new URLSearchParams(await readBody(req))
				try {
					// The tool's client assertion, checked against the tool's published keys.
					await jwtVerify(form.get('client_assertion') ?? '', createRemoteJWKSet(new URL(options.toolJwksUrl())), { issuer: clientId, subject: clientId, audience: `${origin}/token` })
				} catch {
					return json(401, { error: 'invalid_client' })
				}
				if (form.get('grant_type') !== 'client_credentials' || form.get('scope') !== SCORE_SCOPE) return json(400, { error: 'invalid_request' })
				const token = randomBytes(16).toString('hex')
				issuedTokens.add(token)
				return json(200, { access_token: token, token_type: 'Bearer', expires_in: 3600, scope: SCORE_SCOPE })
			}
			const scoresPath = /^\/lineitems\/([^/]+)\/scores$/.exec(url.pathname)
			if (scoresPath && req.method === 'POST') {
				const token = req.headers.authorization?.replace(/^Bearer /, '')
				if (!token || !issuedTokens.has(token)) return json(401, { error: 'unauthorised' })
				if (req.headers['content-type'] !== 'application/vnd.ims.lis.v1.score+json') return json(415, { error: 'wrong type' })
				scores.push({ lineItem: scoresPath[1]!, body: JSON.parse(await readBody(req)) as Record<string, unknown> })
				return json(200, {})
			}
			json(404, { error: 'not found' })
		})().catch((error: unknown) => {
			res.writeHead(500)
			res.end(String(error))
		})
	})
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

	/** An id_token as this platform signs it; `overrides` replace or (as undefined) drop claims. */
	async function idToken(claims: JWTPayload, sign: { key?: CryptoKey; kid?: string; iat?: number; exp?: number } = {}) {
		const now = Math.floor(Date.now() / 1000)
		const payload = Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined))
		return new SignJWT(payload)
			.setProtectedHeader({ alg: 'RS256', kid: sign.kid ?? kid, typ: 'JWT' })
			.setIssuedAt(sign.iat ?? now)
			.setExpirationTime(sign.exp ?? now + 300)
			.sign(sign.key ?? privateKey)
	}

	return {
		origin,
		issuer: origin,
		clientId,
		deploymentId,
		kid,
		authUrl: `${origin}/auth`,
		tokenUrl: `${origin}/token`,
		jwksUrl: `${origin}/jwks`,
		lineItem: (id: string) => `${origin}/lineitems/${id}`,
		scores,
		registrations,
		state,
		idToken,
		stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
	}
}

export type TestPlatform = Awaited<ReturnType<typeof startTestPlatform>>
