// The one place absolute links get their origin: reset and sign-up mails, invites, join links,
// login cards and their QR codes, certificates' verification addresses (decision 010).
import { getEnv } from '~/utils/env.server.ts'

const LOOPBACK = /^(localhost|.+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/

/**
 * PUBLIC_URL in a deployment (which must have one). Elsewhere the address the request came to,
 * but only for loopback hosts and ALLOWED_HOSTS: any other Host header gets a localhost link,
 * so a forged Host can never send someone's reset link to another site.
 */
export function publicOrigin(request: Request): string {
	const env = getEnv()
	if (env.PUBLIC_URL) return env.PUBLIC_URL.replace(/\/$/, '')
	const url = new URL(request.url)
	if (LOOPBACK.test(url.hostname) || env.ALLOWED_HOSTS.includes(url.hostname) || env.ALLOWED_HOSTS.includes(url.host)) return url.origin
	return `http://localhost${url.port ? `:${url.port}` : ''}`
}
