/** The calendar day in UTC, as YYYY-MM-DD: how dates travel in pages, CSV files and due-date fields. */
export function isoDay(date: Date): string
export function isoDay(date: Date | null | undefined): string | null
export function isoDay(date: Date | null | undefined): string | null {
	return date ? date.toISOString().slice(0, 10) : null
}
