import { expect, test } from 'vitest'
import { localeAlternates, localeHref } from '~/utils/locale-links.ts'

test('localeHref keeps the page and its other parameters', () => {
	expect(localeHref(new URL('http://x/courses?page=2&lng=ru'), 'en')).toBe('/courses?page=2&lng=en')
})

test('localeAlternates lists every locale and an x-default without ?lng=', () => {
	const alternates = localeAlternates(new URL('http://internal:3000/help?lng=kk&a=1'), 'https://qorgau.example.org')
	expect(alternates).toEqual([
		{ hrefLang: 'kk', href: 'https://qorgau.example.org/help?a=1&lng=kk' },
		{ hrefLang: 'ru', href: 'https://qorgau.example.org/help?a=1&lng=ru' },
		{ hrefLang: 'en', href: 'https://qorgau.example.org/help?a=1&lng=en' },
		{ hrefLang: 'x-default', href: 'https://qorgau.example.org/help?a=1' },
	])
})
