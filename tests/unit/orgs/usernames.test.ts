import { describe, expect, test } from 'vitest'
import { PUPIL_USERNAME, transliterate, uniqueUsername, usernameBase } from '~/orgs/usernames.ts'

describe('pupil usernames', () => {
	test('Kazakh and Russian names become plain Latin', () => {
		expect(usernameBase('Әлия Серік')).toBe('aliya.serik')
		expect(usernameBase('Нұрсұлтан Қасымұлы')).toBe('nursultan.qasymuly')
		expect(usernameBase('Ғалым Өтегенов')).toBe('galym.otegenov')
		expect(usernameBase('Щукин Юрий')).toBe('shchukin.yuriy')
		expect(usernameBase('Шәмші Жұмабайқызы')).toBe('shamshi.zhumabayqyzy')
		expect(usernameBase("Д'Артаньян-Ёлкин")).toBe('d.artanyan.elkin')
		expect(usernameBase('Zoë Müller')).toBe('zoe.muller')
		expect(transliterate('Һ Ү Ң')).toBe('h u n')
	})

	test('names with nothing usable or very long still give a valid username', () => {
		expect(usernameBase('王')).toBe('pupil')
		expect(usernameBase('Ян')).toBe('yan')
		expect(usernameBase('Ли')).toBe('pupil.li')
		const long = usernameBase('Александра-Виктория Константинопольская Ибрагимовна')
		expect(long).toBe('aleksandra.viktoriya')
		expect(usernameBase('Константинопольскаяконстантинопольская')).toHaveLength(28)
		for (const name of ['王', 'Ян', 'Әлия Серік', 'Константинопольскаяконстантинопольская', 'O']) expect(usernameBase(name)).toMatch(PUPIL_USERNAME)
	})

	test('duplicates get a number, and what is handed out is remembered', () => {
		const taken = new Set(['aliya.serik'])
		expect(uniqueUsername('Әлия Серік', taken)).toBe('aliya.serik2')
		expect(uniqueUsername('Алия Серик', taken)).toBe('aliya.serik3')
		expect(uniqueUsername('Дияс', taken)).toBe('diyas')
		expect(taken).toEqual(new Set(['aliya.serik', 'aliya.serik2', 'aliya.serik3', 'diyas']))
	})
})
