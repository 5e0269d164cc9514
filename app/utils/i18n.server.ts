import { RemixI18Next } from 'remix-i18next/server'
import { DEFAULT_NAMESPACE, LOCALES, NAMESPACES, isLocale, type Locale } from '~/config/i18n.ts'
import { resources } from '~/locales/resources.ts'
import { siteCookie } from '~/utils/cookies.server.ts'
import { getEnv } from '~/utils/env.server.ts'

export const localeCookie = siteCookie('lng', { maxAge: 60 * 60 * 24 * 365 })

/**
 * The browser's languages, most preferred first. (remix-i18next's own header step keeps only the
 * first language, so "de, en;q=0.8" would miss English.)
 */
export function acceptedLanguages(request: Request): string[] {
	return (request.headers.get('Accept-Language') ?? '')
		.split(',')
		.map((part, index) => {
			const [code = '', ...params] = part.trim().split(';')
			const q = Number(params.find((param) => param.trim().startsWith('q='))?.trim().slice(2) ?? 1)
			return { code: code.trim(), q: Number.isFinite(q) ? q : 0, index }
		})
		.filter((entry) => /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/.test(entry.code) && entry.q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index)
		.map((entry) => entry.code)
}

// Detection order (docs/decisions/005-i18n.md): ?lng=, the lng cookie, then Accept-Language,
// then DEFAULT_LOCALE. The signed-in user's setting joins after the cookie with accounts.
export const i18nServer = new RemixI18Next({
	detection: {
		supportedLanguages: [...LOCALES],
		fallbackLanguage: getEnv().DEFAULT_LOCALE,
		cookie: localeCookie,
		order: ['searchParams', 'cookie', 'custom'],
		findLocale: async (request) => acceptedLanguages(request),
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

// remix-i18next builds and initialises a new i18next instance on every getFixedT call (about
// 1–2 ms, several times per page: the root loader, the route's loader, its meta). The resources
// are fixed at build time, so one translation function per language serves every request.
// Found with `npm run bench` (docs/decisions/012-benchmark.md).
const buildFixedT = i18nServer.getFixedT.bind(i18nServer)
const fixedTByLocale = new Map<Locale, ReturnType<typeof buildFixedT>>()
i18nServer.getFixedT = ((requestOrLocale: string | Request, ...rest: unknown[]) => {
	// Only the plain form — a supported language, default namespace, no options — is shared.
	if (typeof requestOrLocale !== 'string' || !isLocale(requestOrLocale) || rest.some((argument) => argument !== undefined)) {
		return buildFixedT(requestOrLocale as string, ...(rest as []))
	}
	let fixedT = fixedTByLocale.get(requestOrLocale)
	if (!fixedT) {
		fixedT = buildFixedT(requestOrLocale)
		fixedTByLocale.set(requestOrLocale, fixedT)
		fixedT.catch(() => fixedTByLocale.delete(requestOrLocale))
	}
	return fixedT
}) as typeof i18nServer.getFixedT

export async function getLocale(request: Request): Promise<Locale> {
	const locale = await i18nServer.getLocale(request)
	return isLocale(locale) ? locale : getEnv().DEFAULT_LOCALE
}

/** A Set-Cookie header that remembers an explicit ?lng= choice, or null when there was none. */
export async function rememberExplicitLocale(request: Request): Promise<string | null> {
	const requested = new URL(request.url).searchParams.get('lng')
	return isLocale(requested) ? localeCookie.serialize(requested) : null
}
