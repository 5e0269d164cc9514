// Sources are shown in the learner's language, with the source's own title beside it.
import { expect, test } from 'vitest'
import { courseSchema } from '~/courses/schema.ts'
import { showSource } from '~/courses/sources.ts'

const localized = {
	id: 'astana-times-2025',
	title: { kk: 'The Astana Times, 2025 жылғы мамыр', ru: 'The Astana Times, май 2025 года', en: 'The Astana Times, May 2025' },
	original: 'One year since Kazakhstan criminalized domestic violence: what numbers reveal',
	url: 'https://astanatimes.com/2025/05/one-year-since-kazakhstan-criminalized-domestic-violence-what-numbers-reveal/',
}

test('a localised source shows the learner\'s language with the original title beside it', () => {
	expect(showSource(localized, 'ru')).toEqual({
		id: 'astana-times-2025',
		title: 'The Astana Times, май 2025 года',
		original: 'One year since Kazakhstan criminalized domestic violence: what numbers reveal',
		originalLang: 'en',
		url: localized.url,
	})
	expect(showSource(localized, 'kk').title).toBe('The Astana Times, 2025 жылғы мамыр')
})

test('a missing locale falls back to English, and an original equal to the title is not repeated', () => {
	const onlyEnglish = { id: 'un-women', title: { en: 'UN Women: forms of violence' }, original: 'UN Women: forms of violence' }
	expect(showSource(onlyEnglish, 'kk')).toEqual({ id: 'un-women', title: 'UN Women: forms of violence', original: null, originalLang: null, url: null })
})

test('the old one-string title is still accepted and shown as it is', () => {
	const parsed = courseSchema.shape.sources.parse([{ id: 'adilet', title: 'Adilet legal information system', url: 'https://adilet.zan.kz' }])
	expect(showSource(parsed[0]!, 'ru')).toEqual({ id: 'adilet', title: 'Adilet legal information system', original: null, originalLang: null, url: 'https://adilet.zan.kz' })
})

test('the original title carries the language it is written in', () => {
	expect(showSource({ id: 'a', title: { en: 'Law on prevention of offences' }, original: 'Құқық бұзушылық профилактикасы туралы' }, 'en').originalLang).toBe('kk')
	expect(showSource({ id: 'b', title: { en: 'Law on domestic violence' }, original: 'О профилактике бытового насилия' }, 'en').originalLang).toBe('ru')
})
