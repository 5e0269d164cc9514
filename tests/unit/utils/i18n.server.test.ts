import { describe, expect, test } from 'vitest'
import { acceptedLanguages, getLocale, i18nServer, localeCookie, rememberExplicitLocale } from '~/utils/i18n.server.ts'

const request = (url: string, headers: Record<string, string> = {}) => new Request(`http://localhost${url}`, { headers })

describe('getLocale', () => {
	test('?lng= wins over the cookie and the browser', async () => {
		const cookie = await localeCookie.serialize('ru')
		expect(await getLocale(request('/?lng=en', { Cookie: cookie, 'Accept-Language': 'kk' }))).toBe('en')
	})

	test('then the cookie, then Accept-Language', async () => {
		const cookie = await localeCookie.serialize('ru')
		expect(await getLocale(request('/', { Cookie: cookie, 'Accept-Language': 'en' }))).toBe('ru')
		expect(await getLocale(request('/', { 'Accept-Language': 'de-DE, en;q=0.8, ru;q=0.5' }))).toBe('en')
	})

	test('unknown or malformed choices fall back to the default (kk)', async () => {
		expect(await getLocale(request('/?lng=xx', { Cookie: 'lng=garbage%%', 'Accept-Language': '!!!' }))).toBe('kk')
		expect(await getLocale(request('/'))).toBe('kk')
	})
})

test('only an explicit, known ?lng= is remembered in the cookie', async () => {
	const setCookie = await rememberExplicitLocale(request('/?lng=en'))
	expect(setCookie).toMatch(/^lng=.*HttpOnly; SameSite=Lax/)
	expect(await localeCookie.parse(setCookie)).toBe('en')
	expect(await rememberExplicitLocale(request('/?lng=de'))).toBeNull()
	expect(await rememberExplicitLocale(request('/'))).toBeNull()
})

test('acceptedLanguages orders by preference and drops junk', () => {
	const header = 'ru;q=0.5, de-DE, en;q=0.8, *;q=0.1, x y, kk;q=0'
	expect(acceptedLanguages(request('/', { 'Accept-Language': header }))).toEqual(['de-DE', 'en', 'ru'])
})

test('one translation function per language serves every request, each in its own language', async () => {
	const [ru, ruAgain, en] = await Promise.all([i18nServer.getFixedT('ru'), i18nServer.getFixedT('ru'), i18nServer.getFixedT('en')])
	expect(ruAgain).toBe(ru)
	expect(ru('about.title')).toBe('О Qorgau')
	expect(en('about.title')).toBe('About Qorgau')
	expect((await i18nServer.getFixedT('kk'))('about.title')).toBe('Qorgau туралы')
})
