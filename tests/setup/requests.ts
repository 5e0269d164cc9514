// Calling route loaders and actions the way Remix does, for integration tests.
import { getIdentity } from '~/auth/identity.server.ts'
import { learnerCookieHeader } from '~/auth/learner.server.ts'

export function get(url: string, headers: Record<string, string> = {}) {
	return new Request(new URL(url, 'http://localhost'), { headers })
}

export function post(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
	return new Request(new URL(url, 'http://localhost'), { method: 'POST', body: new URLSearchParams(form), headers })
}

export async function asLearner(learnerId: string): Promise<Record<string, string>> {
	return { Cookie: await learnerCookieHeader(learnerId) }
}

/** The Set-Cookie header of a response, as a Cookie header for the next request. */
export function cookieFrom(response: Response): Record<string, string> {
	const setCookie = response.headers.get('Set-Cookie')
	if (!setCookie) throw new Error('the response set no cookie')
	return { Cookie: setCookie.split(';')[0]! }
}

/** What a loader or action threw (a Response or data() with a status). */
export async function thrown(promise: Promise<unknown>): Promise<{ status: number; body: unknown }> {
	try {
		await promise
	} catch (error) {
		if (error instanceof Response) return { status: error.status, body: await error.text() }
		const init = (error as { init?: ResponseInit; data?: unknown }).init
		if (init?.status) return { status: init.status, body: (error as { data?: unknown }).data }
		throw error
	}
	throw new Error('nothing was thrown')
}

/** The id of the account a request is signed in as, or null. */
export async function signedInUserId(request: Request): Promise<string | null> {
	return (await getIdentity(request))?.user.id ?? null
}
