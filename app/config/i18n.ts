// Shared by server and browser: which languages exist and how they are named in themselves.
export const LOCALES = ['kk', 'ru', 'en'] as const
export type Locale = (typeof LOCALES)[number]

export const LOCALE_NAMES: Record<Locale, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' }

export const NAMESPACES = ['common'] as const
export const DEFAULT_NAMESPACE = 'common'

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}
