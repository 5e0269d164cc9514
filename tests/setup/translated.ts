// "Is this error page translated?", asked of server answers by the reliability suites: the page
// names the visitor's language in <html lang>, and says something specific taken from that
// language's locale file (not only the header and footer every page has).
import { LOCALES, type Locale } from '~/config/i18n.ts'
import { resources } from '~/locales/resources.ts'

function leaves(value: unknown): string[] {
	if (typeof value === 'string') return [value]
	if (value && typeof value === 'object') return Object.values(value).flatMap(leaves)
	return []
}

/** The literal pieces of every string of a locale, every bundle (interpolations cut out), 8+ characters. */
function fragmentsOf(locale: Locale): Set<string> {
	return new Set(
		leaves(resources[locale])
			.flatMap((text) => text.split(/\{\{[^}]*\}\}|<[^>]*>/))
			.map((piece) => piece.trim())
			.filter((piece) => piece.length >= 8),
	)
}

const FRAGMENTS = Object.fromEntries(LOCALES.map((locale) => [locale, fragmentsOf(locale)])) as Record<Locale, Set<string>>
/** English strings no other locale file shares: on a Kazakh or Russian page, a sign of a missed translation. */
const ENGLISH_ONLY = [...FRAGMENTS.en].filter((fragment) => !FRAGMENTS.kk.has(fragment) && !FRAGMENTS.ru.has(fragment))

/** The text a person reads: no scripts, no tags or attributes, entities decoded. */
export function readableText(html: string): string {
	return html
		.replace(/<script[\s\S]*?<\/script>/gi, ' ')
		.replace(/<[^>]*>/g, ' ')
		.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
		.replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
		.replace(/&quot;/g, '"')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&')
}

export const htmlLang = (html: string) => /<html lang="([a-z-]+)"/.exec(html)?.[1]

export type Baseline = Record<Locale, Set<string>>

/** The locale strings an ordinary page shows anyway (navigation, footer, helplines). */
export function baselineFrom(pages: Record<Locale, string>): Baseline {
	return Object.fromEntries(
		LOCALES.map((locale) => {
			const text = readableText(pages[locale])
			return [locale, new Set([...FRAGMENTS[locale]].filter((fragment) => text.includes(fragment)))]
		}),
	) as Baseline
}

/**
 * Why an answer does not count as a translated page, or null when it does: it must be HTML in
 * `locale` and contain a locale string that ordinary pages do not show (the reason it gives).
 */
export function untranslatedReason(html: string, locale: Locale, baseline: Baseline): string | null {
	const lang = htmlLang(html)
	if (lang !== locale) return `<html lang="${lang ?? '(none)'}">, expected "${locale}"`
	const text = readableText(html)
	if (locale !== 'en') {
		const english = ENGLISH_ONLY.find((fragment) => text.includes(fragment))
		if (english) return `English text on a ${locale} page: "${english}"`
	}
	for (const fragment of FRAGMENTS[locale]) {
		if (!baseline[locale].has(fragment) && text.includes(fragment)) return null
	}
	return `no ${locale} message beyond the page frame in: ${text.replace(/\s+/g, ' ').slice(0, 300)}`
}
