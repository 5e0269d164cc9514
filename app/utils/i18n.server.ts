import { createCookie } from '@remix-run/node'
import { RemixI18Next } from 'remix-i18next/server'
import { DEFAULT_NAMESPACE, LOCALES, NAMESPACES, isLocale, type Locale } from '~/config/i18n.ts'
import { resources } from '~/locales/resources.ts'
import { getEnv } from './env.server.ts'

export const localeCookie = createCookie('lng', {
	path: '/',
	sameSite: 'lax',
	httpOnly: true,
	maxAge: 60 * 60 * 24 * 365,
})

// Detection order (docs/decisions/005-i18n.md): ?lng=, the lng cookie, then Accept-Language,
// then DEFAULT_LOCALE. The signed-in user's setting joins after the cookie with accounts.
export const i18nServer = new RemixI18Next({
	detection: {
		supportedLanguages: [...LOCALES],
		fallbackLanguage: getEnv().DEFAULT_LOCALE,
		cookie: localeCookie,
		order: ['searchParams', 'cookie', 'header'],
	},
	i18next: {
		supportedLngs: [...LOCALES],
		fallbackLng: getEnv().DEFAULT_LOCALE,
		defaultNS: DEFAULT_NAMESPACE,
		ns: [...NAMESPACES],
		resources,
		interpolation: { escapeValue: false },
	},
})

export async function getLocale(request: Request): Promise<Locale> {
	const locale = await i18nServer.getLocale(request)
	return isLocale(locale) ? locale : getEnv().DEFAULT_LOCALE
}

/** A Set-Cookie header that remembers an explicit ?lng= choice, or null when there was none. */
export async function rememberExplicitLocale(request: Request): Promise<string | null> {
	const requested = new URL(request.url).searchParams.get('lng')
	return isLocale(requested) ? localeCookie.serialize(requested) : null
}
