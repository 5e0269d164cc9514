// The origin a request is addressed to, decided once for the cross-site check and for the URL
// Remix sees, so the two can never disagree (a disagreement was a 500 from Remix's own check).
import type { Request as ExpressRequest } from 'express'
import type { Env } from '~/utils/env.server.ts'

/**
 * PUBLIC_URL's origin in a deployment: its Host header is the client's word, not ours. Otherwise
 * what the request (or, with TRUST_PROXY, the proxy) names, with the default port dropped as
 * browsers drop it from Origin. Throws on a Host header that is no host.
 */
export function requestOrigin(req: ExpressRequest, env: Pick<Env, 'PUBLIC_URL'>): string {
	if (env.PUBLIC_URL) return new URL(env.PUBLIC_URL).origin
	// req.hostname drops the port and respects "trust proxy"; take the port from the headers.
	const portOf = (host: string | undefined) => Number.parseInt(host?.split(':')[1] ?? '', 10)
	const port = [portOf(req.get('X-Forwarded-Host')), portOf(req.get('Host'))].find(Number.isSafeInteger)
	return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}`).origin
}

/** An Origin header as an origin, or null when it is none ("null", garbage). */
export function originOf(header: string): string | null {
	try {
		const origin = new URL(header).origin
		return origin === 'null' ? null : origin
	} catch {
		return null
	}
}
