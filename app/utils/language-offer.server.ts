// A language chosen on the sign-in page wins over the account's stored one (issue 21); the first
// page after signing in then offers to save it as the account's language. The offer is one-shot,
// like a flash message: a short-lived signed cookie that the page showing it clears.
import { isLocale, type Locale } from '~/config/i18n.ts'
import { siteCookie } from '~/utils/cookies.server.ts'

function offerCookie() {
	return siteCookie('lng-offer', { maxAge: 60, signed: true })
}

export function offerLanguage(locale: Locale): Promise<string> {
	return offerCookie().serialize(locale)
}

/** The language waiting to be offered, if any, and the header that clears the offer. */
export async function getLanguageOffer(request: Request): Promise<{ locale: Locale | null; setCookie: string | null }> {
	const cookie = request.headers.get('Cookie')
	if (!cookie?.includes('lng-offer=')) return { locale: null, setCookie: null }
	const value: unknown = await offerCookie().parse(cookie)
	return { locale: isLocale(value) ? value : null, setCookie: await offerCookie().serialize('', { maxAge: 0 }) }
}
