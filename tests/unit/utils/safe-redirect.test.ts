import { describe, expect, test } from 'vitest'
import { safeRedirect } from '~/utils/safe-redirect.ts'

const ORIGIN = 'https://qorgau.example.org'

// Known open-redirect payloads: each must fall back to "/".
const refused: [string, unknown][] = [
	['tab after the slash', '/\t/evil.example/'],
	['encoded tab, decoded by the form parser', decodeURIComponent('/%09/evil.example/')],
	['line feed', '/\n/evil.example/'],
	['carriage return', '/\r/evil.example/'],
	['CR LF header injection', '/x\r\nSet-Cookie: a=b'],
	['NUL byte', '/\0/evil.example'],
	['DEL', '/\x7f/evil.example'],
	['protocol-relative', '//evil.example'],
	['protocol-relative with path', '//evil.example/login'],
	['triple slash', '///evil.example'],
	['backslash', '\\evil.example'],
	['slash backslash', '/\\evil.example'],
	['backslash slash', '\\/evil.example'],
	['backslash later in the path', '/courses\\..\\\\evil.example'],
	['encoded slash', '/%2F/evil.example'],
	['encoded slash, lower case', '/%2f%2fevil.example'],
	['encoded backslash', '/%5C/evil.example'],
	['encoded backslash, lower case', '/%5cevil.example'],
	['encoded tab', '/%09/evil.example'],
	['encoded line feed', '/%0a/evil.example'],
	['encoded carriage return', '/%0D/evil.example'],
	['fullwidth solidus', '/\uff0fevil.example'],
	['division slash', '/\u2215evil.example'],
	['fraction slash', '/\u2044evil.example'],
	['ideographic full stop host', '//evil\u3002example'],
	['non-breaking space', '/\u00a0/evil.example'],
	['zero-width space', '/\u200b/evil.example'],
	['right-to-left override', '/\u202e/elpmaxe.live'],
	['absolute https URL', 'https://evil.example/'],
	['absolute http URL', 'http://evil.example'],
	['our own host, absolute', 'https://qorgau.example.org/account'],
	['scheme-relative with credentials', '//qorgau.example.org@evil.example'],
	['javascript URL', 'javascript:alert(1)'],
	['JavaScript URL, mixed case', 'JaVaScRiPt:alert(1)'],
	['data URL', 'data:text/html,<script>alert(1)</script>'],
	['no leading slash', 'evil.example'],
	['leading space', ' /account'],
	['empty string', ''],
	['too long', `/${'a'.repeat(600)}`],
	['not a string', ['/account']],
	['undefined', undefined],
	['null', null],
]

describe('safeRedirect', () => {
	test.each(refused)('refuses %s', (_name, payload) => {
		expect(safeRedirect(payload, ORIGIN)).toBe('/')
	})

	test('at least 30 known payloads are in the table', () => {
		expect(refused.length).toBeGreaterThanOrEqual(30)
	})

	test.each([
		['/account', '/account'],
		['/courses/recognising-violence/lessons/intro', '/courses/recognising-violence/lessons/intro'],
		['/orgs/demo/groups/abc?page=2', '/orgs/demo/groups/abc?page=2'],
		['/join?code=DEMO7A#top', '/join?code=DEMO7A#top'],
		['/courses/../account', '/account'],
		['/login?redirectTo=%2Faccount', '/login?redirectTo=%2Faccount'],
	])('keeps the path %s of this site', (target, expected) => {
		expect(safeRedirect(target, ORIGIN)).toBe(expected)
	})

	test('uses the fallback the caller gives', () => {
		expect(safeRedirect('//evil.example', ORIGIN, '')).toBe('')
		expect(safeRedirect('/account', ORIGIN, '')).toBe('/account')
	})
})
