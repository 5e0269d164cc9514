// A course's sources as a learner sees them: the title in their language, the source's own title
// beside it when that differs, and the address.
import type { Locale } from '~/config/i18n.ts'
import type { CourseSource } from '~/courses/schema.ts'

export type ShownSource = { id: string; title: string; original: string | null; originalLang: Locale | null; url: string | null }

export function showSource(source: CourseSource, locale: Locale): ShownSource {
	const title = typeof source.title === 'string' ? source.title : (source.title[locale] ?? source.title.en ?? Object.values(source.title)[0]!)
	const original = source.original && source.original !== title ? source.original : null
	return { id: source.id, title, original, originalLang: original ? scriptLanguage(original) : null, url: source.url ?? null }
}

/** The language an original title is written in, from its letters, so screen readers voice it right. */
function scriptLanguage(text: string): Locale {
	if (/[әғқңөұүһі]/i.test(text)) return 'kk'
	if (/[а-яё]/i.test(text)) return 'ru'
	return 'en'
}
