/** The calendar day in UTC, as YYYY-MM-DD: how dates travel in pages, CSV files and due-date fields. */
export function isoDay(date: Date): string
export function isoDay(date: Date | null | undefined): string | null
export function isoDay(date: Date | null | undefined): string | null {
	return date ? date.toISOString().slice(0, 10) : null
}

/** The language tag dates and times are written in for each of the app's languages. */
export const DATE_LOCALE_TAGS = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' } as const

/** The time of day in Kazakhstan's time, as the reader's language writes it (e.g. "15:04"). */
export function clockTime(date: Date, locale: keyof typeof DATE_LOCALE_TAGS): string {
	return new Intl.DateTimeFormat(DATE_LOCALE_TAGS[locale], { timeStyle: 'short', timeZone: 'Asia/Almaty' }).format(date)
}
