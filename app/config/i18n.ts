// Shared by server and browser: which languages exist and how they are named in themselves.
export const LOCALES = ['kk', 'ru', 'en'] as const
export type Locale = (typeof LOCALES)[number]

export const LOCALE_NAMES: Record<Locale, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' }

// `common` is on every page; the others only on the pages that name them in `handle.i18n`, so
// their strings are not in every page's download (decision 014).
export const NAMESPACES = ['common', 'pupils'] as const
export type Namespace = (typeof NAMESPACES)[number]
export const DEFAULT_NAMESPACE = 'common'

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}
