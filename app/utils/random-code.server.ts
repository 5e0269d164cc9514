// Random codes people read aloud or type: Crockford's base32 (no I, L, O or U, so nothing looks
// like something else). Certificate, organisation and join codes all come from here.
import { randomBytes } from 'node:crypto'

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** Random characters from the unambiguous alphabet. */
export function randomCharacters(count: number): string {
	// 256 is a multiple of 32, so each byte modulo 32 is uniform: 5 random bits per character.
	return [...randomBytes(count)].map((byte) => CODE_ALPHABET[byte % 32]).join('')
}
