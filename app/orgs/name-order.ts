// Names in alphabetical order the same way on SQLite and PostgreSQL: each name gets a key of
// ASCII digits and capitals (two per character), which both engines order byte by byte under any
// collation, so the group dashboard sorts and pages in SQL (issue 18). The order is the one the
// viewer's collator gave in memory before: spaces, then punctuation, then digits, then the Kazakh
// Cyrillic alphabet (which holds Russian's), then Latin; case and Latin accents do not count.
// Pure: unit-tested against Intl.Collator.

const CYRILLIC = 'аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя'
const LATIN = 'abcdefghijklmnopqrstuvwxyz'
const DIGITS = '0123456789'

const SPACE = 0
const PUNCTUATION = 1
const UNKNOWN = 36 * 36 - 1
const CODES = new Map<string, number>([...DIGITS, ...CYRILLIC, ...LATIN].map((character, index) => [character, index + 2]))

const code = (value: number) => value.toString(36).toUpperCase().padStart(2, '0')

/** Latin letters lose their accents (é → e); Cyrillic ones keep theirs (й, ё, ә are letters of their own). */
function baseOf(character: string): string {
	if (CODES.has(character)) return character
	const base = character.normalize('NFD').replace(/\p{M}/gu, '')
	return base.length === 1 && LATIN.includes(base) ? base : character
}

/** The name's sort key: compare keys as plain strings (ties: compare the names, then the ids). */
export function nameSortKey(name: string): string {
	let key = ''
	for (const character of name.trim().toLowerCase()) {
		const known = CODES.get(baseOf(character))
		key += code(known ?? (/\s/u.test(character) ? SPACE : /[\p{P}\p{S}]/u.test(character) ? PUNCTUATION : UNKNOWN))
	}
	return key
}

/** The name as a search matches it: lower case, Latin accents dropped (a filter for "emile" finds "Émile"). */
export function nameSearchKey(name: string): string {
	return [...name.trim().toLowerCase()].map(baseOf).join('')
}

/** Both keys, for a write that sets or changes a name (a new name without them is keyed before the dashboard reads it). */
export const nameKeys = (name: string) => ({ sortName: nameSortKey(name), searchName: nameSearchKey(name) })
