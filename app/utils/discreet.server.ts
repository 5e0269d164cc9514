// Discreet mode for guests: a cookie that makes every page title neutral (decision 009).
// Accounts add the same setting on the user.
import { siteCookie } from '~/utils/cookies.server.ts'

export const discreetCookie = siteCookie('discreet', { maxAge: 60 * 60 * 24 * 365 })

export async function isDiscreet(request: Request): Promise<boolean> {
	return (await discreetCookie.parse(request.headers.get('Cookie'))) === true
}

/** The Set-Cookie header that turns discreet mode on or off. */
export function setDiscreet(on: boolean): Promise<string> {
	return on ? discreetCookie.serialize(true) : discreetCookie.serialize(false, { maxAge: 0 })
}
