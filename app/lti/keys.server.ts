// The tool's own RSA key (LTI_PRIVATE_KEY, decision 021): it signs Deep Linking responses and the
// client assertions of grade-service token requests; platforms read its public half at /lti/jwks.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { calculateJwkThumbprint, exportJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose'
import { getEnv, ltiPrivateKey } from '~/utils/env.server.ts'

const TOOL_ALG = 'RS256'

type ToolKey = { privateKey: KeyObject; publicJwk: JWK & { kid: string } }
let cached: { pem: string | null; key: Promise<ToolKey> } | undefined
let processKey: string | undefined

/** The key's PEM: the configured one, or (outside a deployment, e.g. a test process) one per process. */
function keyPem(): string | null {
	const configured = ltiPrivateKey()
	if (configured) return configured
	if (getEnv().isDeployment) return null
	processKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
	return processKey
}

/** Whether this server can act as an LTI tool (a deployment needs LTI_PRIVATE_KEY). */
export function ltiEnabled(): boolean {
	return keyPem() !== null
}

function toolKey(): Promise<ToolKey> {
	const pem = keyPem()
	if (!pem) throw new Error('LTI_PRIVATE_KEY is not set')
	if (cached?.pem !== pem) {
		const key = (async () => {
			const privateKey = createPrivateKey(pem)
			const jwk = await exportJWK(createPublicKey(privateKey))
			const kid = await calculateJwkThumbprint(jwk)
			return { privateKey, publicJwk: { ...jwk, kid, alg: TOOL_ALG, use: 'sig' } }
		})()
		cached = { pem, key }
	}
	return cached.key
}

/** The JSON Web Key Set platforms verify the tool's messages with. */
export async function toolJwks(): Promise<{ keys: JWK[] }> {
	return { keys: [(await toolKey()).publicJwk] }
}

/** A JWT signed with the tool's key, valid for `seconds`. */
export async function signAsTool(payload: JWTPayload, seconds: number): Promise<string> {
	const { privateKey, publicJwk } = await toolKey()
	return new SignJWT(payload)
		.setProtectedHeader({ alg: TOOL_ALG, kid: publicJwk.kid, typ: 'JWT' })
		.setIssuedAt()
		.setExpirationTime(`${seconds}s`)
		.sign(privateKey)
}

/** The payload of a JWT this tool signed for itself (`audience` names the purpose), or null. */
export async function readToolToken(token: string, audience: string): Promise<JWTPayload | null> {
	if (!ltiEnabled() || token.length > 8000) return null
	const { privateKey } = await toolKey()
	try {
		return (await jwtVerify(token, createPublicKey(privateKey), { algorithms: [TOOL_ALG], audience, issuer: 'qorgau' })).payload
	} catch {
		return null
	}
}
