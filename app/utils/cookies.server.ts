// Every cookie of ours has the same safety: the whole site, out of reach of scripts, not sent with
// cross-site posts, and only over https when the site is served over https (decision 010).
import { createCookie } from '@remix-run/node'
import { getEnv, sessionSecret } from '~/utils/env.server.ts'

/** A cookie with the site's defaults; `signed` adds the session secret, so it cannot be forged. */
export function siteCookie(name: string, options: { maxAge: number; signed?: boolean }) {
	return createCookie(name, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: getEnv().PUBLIC_URL?.startsWith('https:') ?? false,
		maxAge: options.maxAge,
		...(options.signed ? { secrets: [sessionSecret()] } : {}),
	})
}
