// Usernames for pupil accounts, made from their names. Pupils type them on a phone keyboard, so
// they are plain lowercase Latin: Kazakh and Russian Cyrillic are transliterated (close to the
// 2021 Kazakh Latin alphabet without diacritics, and to common Russian passport spelling).

const CYRILLIC: Record<string, string> = {
	а: 'a', ә: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y',
	к: 'k', қ: 'q', л: 'l', м: 'm', н: 'n', ң: 'n', о: 'o', ө: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u',
	ұ: 'u', ү: 'u', ф: 'f', х: 'kh', һ: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', і: 'i',
	ь: '', э: 'e', ю: 'yu', я: 'ya',
}

/** The same rule as sign-in (~/utils/account-fields.ts USERNAME), lowercase. */
export const PUPIL_USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/

const MAX_BASE = 28 // leaves room for a number that makes it unique

export function transliterate(text: string): string {
	let out = ''
	for (const char of text.toLowerCase()) out += CYRILLIC[char] ?? char
	// Latin letters with accents (é, ş, ñ) lose them; anything else not a-z/0-9 is dropped.
	return out.normalize('NFKD').replace(/\p{M}/gu, '')
}

/** "Әлия Серік" → "aliya.serik"; a name with nothing usable gives "pupil". */
export function usernameBase(name: string): string {
	const words = transliterate(name)
		.split(/[^a-z0-9]+/)
		.filter(Boolean)
	let base = ''
	for (const word of words) {
		const next = base ? `${base}.${word}` : word
		if (next.length > MAX_BASE) break
		base = next
	}
	if (!base && words[0]) base = words[0].slice(0, MAX_BASE)
	return base.length >= 3 ? base : `pupil${base ? `.${base}` : ''}`
}

/** The base itself when free, else base2, base3, …; remembers what it hands out in `taken`. */
export function uniqueUsername(name: string, taken: Set<string>): string {
	const base = usernameBase(name)
	let candidate = base
	for (let n = 2; taken.has(candidate); n++) candidate = `${base}${n}`
	taken.add(candidate)
	return candidate
}
