// Certificate codes: 100 random bits as 20 characters of Crockford's base32 (no I, L, O or U,
// so nothing looks like something else), shown in five groups of four for reading aloud.
import { CODE_ALPHABET as ALPHABET, randomCharacters } from '~/utils/random-code.server.ts'

const LENGTH = 20

export function generateCode(): string {
	return randomCharacters(LENGTH).match(/.{4}/g)!.join('-')
}

/**
 * The canonical form of a code someone typed or scanned: case, spaces and dashes do not matter,
 * and the look-alikes O, I and L are read as 0, 1 and 1. Null when it cannot be a code.
 */
export function normalizeCode(input: string): string | null {
	if (input.length > 100) return null
	const compact = input
		.toUpperCase()
		.replace(/[\s-]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1')
	if (compact.length !== LENGTH || ![...compact].every((character) => ALPHABET.includes(character))) return null
	return compact.match(/.{4}/g)!.join('-')
}
