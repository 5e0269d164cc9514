// Assignment and Grade Services 2.0: posting a score to a line item (§3.4), with an access token
// from the platform's token endpoint (client_credentials with a signed JWT assertion, Security
// Framework §4.1). Failures throw; the caller keeps the score and tries again later.
import { randomBytes } from 'node:crypto'
import { SCORE_SCOPE } from '~/lti/claims.ts'
import { signAsTool } from '~/lti/keys.server.ts'

type Platform = { clientId: string; tokenUrl: string }
export type Score = { userId: string; scoreGiven: number; scoreMaximum: number; timestamp: Date }

const TIMEOUT_MS = 10_000
const tokens = new Map<string, { token: string; expiresAt: number }>()

async function accessToken(platform: Platform): Promise<string> {
	const key = `${platform.tokenUrl} ${platform.clientId}`
	const known = tokens.get(key)
	if (known && known.expiresAt > Date.now()) return known.token
	const assertion = await signAsTool({ iss: platform.clientId, sub: platform.clientId, aud: platform.tokenUrl, jti: randomBytes(16).toString('base64url') }, 5 * 60)
	const response = await fetch(platform.tokenUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
			client_assertion: assertion,
			scope: SCORE_SCOPE,
		}),
		signal: AbortSignal.timeout(TIMEOUT_MS),
	})
	if (!response.ok) throw new Error(`token endpoint answered ${response.status}`)
	const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown }
	if (typeof body.access_token !== 'string') throw new Error('token endpoint gave no access_token')
	const lifetime = typeof body.expires_in === 'number' ? body.expires_in : 3600
	// A minute's margin: a token about to expire is not worth a refused score.
	tokens.set(key, { token: body.access_token, expiresAt: Date.now() + Math.max(lifetime - 60, 0) * 1000 })
	return body.access_token
}

/** The line item's scores service: its URL with "/scores" added to the path (AGS §3.4). */
export function scoresUrl(lineItemUrl: string): string {
	const url = new URL(lineItemUrl)
	url.pathname = `${url.pathname.replace(/\/$/, '')}/scores`
	return url.href
}

export async function postScore(platform: Platform, lineItemUrl: string, score: Score): Promise<void> {
	const send = async (token: string) =>
		fetch(scoresUrl(lineItemUrl), {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/vnd.ims.lis.v1.score+json' },
			body: JSON.stringify({
				userId: score.userId,
				scoreGiven: score.scoreGiven,
				scoreMaximum: score.scoreMaximum,
				activityProgress: 'Completed',
				gradingProgress: 'FullyGraded',
				timestamp: score.timestamp.toISOString(),
			}),
			signal: AbortSignal.timeout(TIMEOUT_MS),
		})
	let response = await send(await accessToken(platform))
	if (response.status === 401) {
		// The platform forgot the token (restarted, revoked): one more try with a new one.
		tokens.delete(`${platform.tokenUrl} ${platform.clientId}`)
		response = await send(await accessToken(platform))
	}
	if (!response.ok) throw new Error(`scores service answered ${response.status}`)
}
