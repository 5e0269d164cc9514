// What signing in or up does, whatever the form: a new session (never reuse one), the guest's
// progress merged into the account, and the account's language remembered in the cookie.
import { redirect } from '@remix-run/node'
import { isLocale } from '~/config/i18n.ts'
import { mergeGuestIntoUser } from '~/auth/learner.server.ts'
import { createSession, destroySession } from '~/auth/session.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { localeCookie } from '~/utils/i18n.server.ts'

/** `redirectTo` may be worked out after the guest's progress joined the account (see landingAfterSignIn). */
export async function signIn(request: Request, userId: string, redirectTo: string | ((userId: string) => Promise<string>)) {
	const headers = new Headers()
	// Rotate: whatever session the browser had ends here.
	await destroySession(request)
	headers.append('Set-Cookie', await createSession(userId))
	const clearGuest = await mergeGuestIntoUser(request, userId)
	if (clearGuest) headers.append('Set-Cookie', clearGuest)
	const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { locale: true } })
	if (isLocale(user.locale)) headers.append('Set-Cookie', await localeCookie.serialize(user.locale))
	return redirect(typeof redirectTo === 'string' ? redirectTo : await redirectTo(userId), { headers })
}
