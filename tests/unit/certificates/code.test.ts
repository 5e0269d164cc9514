import { expect, test } from 'vitest'
import { generateCode, normalizeCode } from '~/certificates/code.server.ts'

test('codes are 20 unambiguous characters in groups of four (100 random bits)', () => {
	const codes = Array.from({ length: 500 }, generateCode)
	for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/)
	expect(new Set(codes).size).toBe(codes.length)
})

test('typed codes are read forgivingly: case, spaces, dashes and look-alikes', () => {
	const code = generateCode()
	expect(normalizeCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code)
	expect(normalizeCode('0000-1111-2222-3333-4444')).toBe('0000-1111-2222-3333-4444')
	expect(normalizeCode('oooo-iiii-llll-3333-4444')).toBe('0000-1111-1111-3333-4444')
	for (const bad of ['', 'ABC', `${code}X`, 'UUUU-UUUU-UUUU-UUUU-UUUU', '<script>', 'x'.repeat(1000)]) expect(normalizeCode(bad)).toBeNull()
})
