// What signing in or up does, whatever the form: a new session (never reuse one), the guest's
// progress merged into the account, the language, and where to land.
import { redirect } from '@remix-run/node'
import { isLocale, type Locale } from '~/config/i18n.ts'
import { mergeGuestIntoUser } from '~/auth/learner.server.ts'
import { createSession, destroySession } from '~/auth/session.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { localeCookie } from '~/utils/i18n.server.ts'
import { offerLanguage } from '~/utils/language-offer.server.ts'

type SignInOptions = {
	/** A language the person chose on the sign-in page: kept, and offered as the account's. */
	chosenLocale?: Locale | null
}

/** `redirectTo` may be worked out after the guest's progress joined the account (see landingFor). */
export async function signIn(request: Request, userId: string, redirectTo: string | ((userId: string) => Promise<string>), { chosenLocale = null }: SignInOptions = {}) {
	const headers = new Headers()
	// Rotate: whatever session the browser had ends here.
	await destroySession(request)
	headers.append('Set-Cookie', await createSession(userId))
	const clearGuest = await mergeGuestIntoUser(request, userId)
	if (clearGuest) headers.append('Set-Cookie', clearGuest)
	const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { locale: true } })
	if (chosenLocale) {
		headers.append('Set-Cookie', await localeCookie.serialize(chosenLocale))
		if (chosenLocale !== user.locale) headers.append('Set-Cookie', await offerLanguage(chosenLocale))
	} else if (isLocale(user.locale)) headers.append('Set-Cookie', await localeCookie.serialize(user.locale))
	return redirect(typeof redirectTo === 'string' ? redirectTo : await redirectTo(userId), { headers })
}
