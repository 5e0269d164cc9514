import { LOCALES, type Locale } from '~/config/i18n.ts'

/** The same page in another language: the current URL with ?lng= set (other parameters kept). */
export function localeHref(url: URL, locale: Locale): string {
	const params = new URLSearchParams(url.search)
	params.set('lng', locale)
	return `${url.pathname}?${params}`
}

/** hreflang alternates (absolute URLs) for the page, plus x-default without ?lng=. */
export function localeAlternates(url: URL, origin: string) {
	const page = new URL(url)
	page.searchParams.delete('lng')
	return [
		...LOCALES.map((locale) => ({ hrefLang: locale, href: `${origin}${localeHref(page, locale)}` })),
		{ hrefLang: 'x-default', href: `${origin}${page.pathname}${page.search}` },
	]
}
