// The way to the certificate (issue 16, decision 008), in Kazakh and Russian, with and without
// JavaScript: a guest fails (the result teaches without the key), retries and passes, then signs
// up (kk) or signs in (ru) and lands on "You passed — get your certificate" with the name form;
// /account lists the pass, the course page shows it certified with a link to the certificate.
import { randomBytes } from 'node:crypto'
import type { Page } from 'playwright-core'
import { describe, expect, inject, test } from 'vitest'
import { answer, expectNoAxeViolations, browserForFile } from './browser.ts'

const baseUrl = inject('baseUrl')
const browser = browserForFile()

/** The fixture course's quiz (tests/fixtures/courses/sample-course) as a learner reads it in each language. */
const COPY = {
	kk: {
		prompts: { call: 'Ең қауіпсіз', forms: 'қайсысы зорлық', fault: 'ешқашан кінәлі емес', leaving: 'қарым-қатынастан кету' },
		right: { call: 'Полицияға қоңырау шалу', money: 'Біреудің жалақы картасын тартып алу', shouting: 'Қорқыту және қорлау', true: 'Дұрыс', hard: 'Көбіне қиын, кейде қауіпті' },
		wrong: { call: 'Есікті өзіңіз қағу', leaving: 'Шынымен қаласаң, кету оп-оңай' },
		submit: 'Жауаптарды жіберу',
		tryAgain: 'Қайталап көру',
		readAgain: 'Қайта оқыңыз:',
		claimTitle: 'Тест тапсырылды — сертификатыңызды алыңыз',
		nameLabel: 'Сертификаттағы аты',
		issue: 'Сертификатты беру',
		certificateTitle: 'Сертификат',
		accountPassed: 'Сіз «Үлгі курс» курсынан өттіңіз.',
		certified: 'Сіз бұл курстан өттіңіз, сертификатыңыз бар.',
		courseTitle: 'Үлгі курс',
	},
	ru: {
		prompts: { call: 'самый безопасный', forms: 'может быть насилием', fault: 'никогда не виноват', leaving: 'Уйти из отношений' },
		right: { call: 'Позвонить в полицию', money: 'Забрать чужую зарплатную карту', shouting: 'Угрозы и унижения', true: 'Верно', hard: 'Часто трудно и иногда опасно' },
		wrong: { call: 'Постучать самому', leaving: 'Легко, если по-настоящему захотеть' },
		submit: 'Отправить ответы',
		tryAgain: 'Попробовать снова',
		readAgain: 'Перечитайте:',
		claimTitle: 'Тест пройден — получите сертификат',
		nameLabel: 'Имя в сертификате',
		issue: 'Выдать сертификат',
		certificateTitle: 'Сертификат',
		accountPassed: 'Вы прошли курс «Пример курса».',
		certified: 'Вы прошли этот курс, и у вас есть сертификат.',
		courseTitle: 'Пример курса',
	},
} as const
type Locale = keyof typeof COPY

async function completeLessons(page: Page, lng: Locale) {
	for (const lesson of ['first-lesson', 'second-lesson', 'third-lesson']) {
		await page.goto(`${baseUrl}/courses/sample-course/lessons/${lesson}?lng=${lng}`)
		await page.locator('.lesson__actions button[type=submit]').click()
		await page.waitForURL((url) => !url.pathname.endsWith(`/${lesson}`))
	}
}

/** Fails once (the result page must not give the key away), then passes. */
async function failThenPass(page: Page, lng: Locale, javaScriptEnabled: boolean) {
	const copy = COPY[lng]
	await page.locator('form button[type=submit]').waitFor()
	await answer(page, copy.prompts.call, copy.wrong.call)
	await answer(page, copy.prompts.forms, copy.right.money, copy.right.shouting)
	await answer(page, copy.prompts.fault, copy.right.true)
	await answer(page, copy.prompts.leaving, copy.wrong.leaving)
	await page.getByRole('button', { name: copy.submit }).click()
	await page.getByText(copy.readAgain).first().waitFor()
	const failed = await page.content()
	// The two wrongly answered questions: their right options appear nowhere on the page.
	expect(failed).not.toContain(copy.right.call)
	expect(failed).not.toContain(copy.right.hard)
	expect(failed).toContain(copy.wrong.call)
	if (javaScriptEnabled) await expectNoAxeViolations(page)

	await page.getByRole('link', { name: copy.tryAgain }).first().click()
	await page.locator('form button[type=submit]').waitFor()
	await answer(page, copy.prompts.call, copy.right.call)
	await answer(page, copy.prompts.forms, copy.right.money, copy.right.shouting)
	await answer(page, copy.prompts.fault, copy.right.true)
	await answer(page, copy.prompts.leaving, copy.right.hard)
	await page.getByRole('button', { name: copy.submit }).click()
	await page.getByText('100 %').first().waitFor()
}

/** The name form, then /account, the certificate and the course page. */
async function claim(page: Page, lng: Locale, name: string, javaScriptEnabled: boolean) {
	const copy = COPY[lng]
	await page.locator('h1', { hasText: copy.claimTitle }).waitFor()
	expect(await page.getByLabel(copy.nameLabel).inputValue()).toBe(name)
	if (javaScriptEnabled) await expectNoAxeViolations(page)

	await page.goto(`${baseUrl}/account?lng=${lng}`)
	await page.getByText(copy.accountPassed).waitFor()
	await page.locator('.waiting-certificates a').click()
	await page.locator('h1', { hasText: copy.claimTitle }).waitFor()
	await page.getByRole('button', { name: copy.issue }).click()
	await page.locator('.certificate__code strong').waitFor()
	const code = (await page.locator('.certificate__code strong').textContent())!

	await page.goto(`${baseUrl}/courses/sample-course?lng=${lng}`)
	await page.getByText(copy.certified).waitFor()
	expect(await page.locator(`a[href="/certificates/${code}"]`).count()).toBe(1)
	await page.goto(`${baseUrl}/account?lng=${lng}`)
	expect(await page.locator(`a[href="/certificates/${code}"]`, { hasText: copy.courseTitle }).count()).toBe(1)
	expect(await page.getByText(copy.accountPassed).count()).toBe(0)
}

describe.each([
	['with JavaScript', true],
	['without JavaScript', false],
])('the passed path %s', (_label, javaScriptEnabled) => {
	test('kk: a guest passes, signs up and lands on the certificate’s name form', async () => {
		const context = await browser().newContext({ javaScriptEnabled })
		const page = await context.newPage()
		await completeLessons(page, 'kk')
		await failThenPass(page, 'kk', javaScriptEnabled)
		// The result page's link carries the way back to the name form.
		await page.getByRole('link', { name: 'Аккаунт ашу' }).click()
		await page.getByLabel('Көрсетілетін аты').fill('Дана Серік')
		await page.getByLabel('Электрондық пошта не пайдаланушы аты').fill(`dana-${randomBytes(3).toString('hex')}`)
		await page.getByLabel('Құпиясөз').fill('a-long-password')
		await page.getByRole('button', { name: 'Аккаунт ашу' }).click()
		await claim(page, 'kk', 'Дана Серік', javaScriptEnabled)
		await context.close()
	})

	test('ru: a guest passes, signs in from the sign-in page and lands on the certificate’s name form', async () => {
		// An account made earlier, somewhere else.
		const login = `oleg-${randomBytes(3).toString('hex')}`
		const elsewhere = await browser().newContext({ javaScriptEnabled })
		const setup = await elsewhere.newPage()
		await setup.goto(`${baseUrl}/signup?lng=ru`)
		await setup.getByLabel('Отображаемое имя').fill('Олег Ким')
		await setup.getByLabel('Почта или имя пользователя').fill(login)
		await setup.getByLabel('Пароль').fill('a-long-password')
		await setup.getByRole('button', { name: 'Создать аккаунт' }).click()
		await setup.waitForURL((url) => url.pathname === '/account')
		await elsewhere.close()

		const context = await browser().newContext({ javaScriptEnabled })
		const page = await context.newPage()
		await completeLessons(page, 'ru')
		await failThenPass(page, 'ru', javaScriptEnabled)
		// Not from the result page's link: the sign-in page on its own still lands on the name form.
		await page.goto(`${baseUrl}/login?lng=ru`)
		const accountForm = page.locator('form').filter({ has: page.getByLabel('Пароль', { exact: true }) })
		await accountForm.getByLabel('Почта или имя пользователя').fill(login)
		await accountForm.getByLabel('Пароль', { exact: true }).fill('a-long-password')
		await accountForm.getByRole('button', { name: 'Войти' }).click()
		await claim(page, 'ru', 'Олег Ким', javaScriptEnabled)
		await context.close()
	})
})
