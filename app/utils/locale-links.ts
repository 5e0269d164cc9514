import { LOCALES, type Locale } from '~/config/i18n.ts'

/** The same page in another language: the current URL with ?lng= set (other parameters kept). */
export function localeHref(url: URL, locale: Locale): string {
	const params = new URLSearchParams(url.search)
	params.set('lng', locale)
	return `${url.pathname}?${params}`
}

/** hreflang alternates (absolute URLs) for the page, plus x-default without ?lng=. */
export function localeAlternates(url: URL, origin: string) {
	const params = new URLSearchParams(url.search)
	params.delete('lng')
	const query = params.size > 0 ? `?${params}` : ''
	return [
		...LOCALES.map((locale) => ({ hrefLang: locale, href: `${origin}${localeHref(url, locale)}` })),
		{ hrefLang: 'x-default', href: `${origin}${url.pathname}${query}` },
	]
}
