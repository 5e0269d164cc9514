// Issue 21, the journeys after the header: where signing in lands, the language chosen on the
// sign-in page, the teacher's dashboard, /help, /safety, the home page, course cards, the printed
// login cards and the holder's certificate page. Each in Kazakh and Russian, on a 360 × 740 phone
// and a 1280 × 800 desktop.
import { randomBytes } from 'node:crypto'
import type { BrowserContext, Page } from 'playwright-core'
import { afterEach, describe, expect, inject, test } from 'vitest'
import { answerSampleQuizRight, browserForFile, expectNoAxeViolations } from './browser.ts'

const baseUrl = inject('baseUrl')
const VIEWPORTS = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 800 } } as const
const PASSWORD = 'a-long-password'
const browser = browserForFile()

const TEXT = {
	kk: {
		save: 'Иә, сақтау',
		saved: 'Есептік жазбаның тілі сақталды.',
		assigned: 'Курстар тағайындалды. Оқушылар оларды басты бетте көреді.',
		items: 'Тест сұрақтары бойынша статистика',
		print: 'Карточкаларды басып шығару',
		verifiersSee: 'Кодпен тексерген адам көретін аты:',
		nameSaved: 'Сақталды: тексеру беті атыңызды сіз таңдағандай көрсетеді.',
	},
	ru: {
		save: 'Да, сохранить',
		saved: 'Язык учётной записи сохранён.',
		assigned: 'Курсы назначены. Ученики увидят их на главной странице.',
		items: 'Статистика по вопросам теста',
		print: 'Распечатать карточки',
		verifiersSee: 'Кто проверит код, увидит имя:',
		nameSaved: 'Сохранено: страница проверки показывает имя так, как вы выбрали.',
	},
} as const

const COMBINATIONS = (['kk', 'ru'] as const).flatMap((locale) => (['phone', 'desktop'] as const).map((device) => [locale, device] as const))

async function signIn(page: Page, login: string, password: string) {
	await page.locator('#account-login input[name="login"]').fill(login)
	await page.locator('#account-login input[name="password"]').fill(password)
	await page.locator('#account-login button[type="submit"]').click()
	await page.waitForURL((url) => url.pathname !== '/login')
}

/** A new username account (made on an English page, so its language is English) with one lesson done. */
async function learnerWithProgress(): Promise<string> {
	const context = await browser().newContext()
	const page = await context.newPage()
	const login = `learner-${randomBytes(4).toString('hex')}`
	await page.goto(`${baseUrl}/signup?lng=en`)
	await page.getByLabel('Name to show').fill('Әсел Қанатқызы')
	await page.getByLabel('Email or username').fill(login)
	await page.getByLabel('Password').fill(PASSWORD)
	await page.getByRole('button', { name: 'Create account' }).click()
	await page.waitForURL((url) => url.pathname !== '/signup')
	await page.goto(`${baseUrl}/courses/sample-course/lessons/first-lesson?lng=en`)
	await page.getByRole('button', { name: /^Complete/ }).click()
	await page.waitForURL((url) => !url.pathname.endsWith('/first-lesson'))
	await context.close()
	return login
}

describe.each(COMBINATIONS)('in %s on a %s', (locale, device) => {
	const viewport = VIEWPORTS[device]
	const text = TEXT[locale]
	// A browser of its own per test: one test's sign-in must not follow the next to /login.
	let contexts: BrowserContext[] = []
	const newPage = async () => {
		const context = await browser().newContext({ viewport })
		contexts.push(context)
		return context.newPage()
	}
	afterEach(async () => {
		await Promise.all(contexts.map((context) => context.close()))
		contexts = []
	})

	test('a learner lands where they left off, in the language chosen on the sign-in page, and can save it for the account', async () => {
		const login = await learnerWithProgress()
		const page = await newPage()
		await page.goto(`${baseUrl}/login?lng=${locale}`)
		await signIn(page, login, PASSWORD)
		expect(new URL(page.url()).pathname).toBe('/courses/sample-course')
		await page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' })
		// The account speaks English: the page offers to keep this language instead.
		const offer = page.locator('form.language-offer')
		await offer.waitFor()
		await expectNoAxeViolations(page)
		await offer.getByRole('button', { name: text.save }).click()
		await page.getByText(text.saved).waitFor()
		expect(await offer.count()).toBe(0)
		expect(new URL(page.url()).pathname).toBe('/courses/sample-course')
		await page.close()

		// Saved: a fresh browser that chose nothing gets the language from the account.
		const again = await newPage()
		await again.goto(`${baseUrl}/login`)
		await signIn(again, login, PASSWORD)
		await again.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' })
		expect(await again.locator('form.language-offer').count()).toBe(0)
	})

	test('a teacher lands on the organisation; the dashboard is full width, folds, and confirms an assignment', async () => {
		const page = await newPage()
		await page.goto(`${baseUrl}/login?lng=${locale}`)
		await signIn(page, 'teacher@example.org', 'demo-teacher-password')
		expect(new URL(page.url()).pathname).toBe('/orgs/demo-school')
		await page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' })
		// The URL changes before a client-side navigation has rendered: wait for the page itself.
		await page.locator('a[href^="/orgs/demo-school/groups/"]').first().waitFor()
		// The teacher's account is Kazakh: only a Russian sign-in is offered to be kept.
		expect(await page.locator('form.language-offer').count()).toBe(locale === 'kk' ? 0 : 1)

		await page.locator('a[href^="/orgs/demo-school/groups/"]').first().click()
		await page.locator('input[name="course"][value="sample-course"]').check()
		await page.locator('form.assign-courses button[type="submit"]').click()
		await page.getByText(text.assigned).waitFor()
		// A fresh form: the course just assigned is not left ticked.
		expect(await page.locator('input[name="course"][value="sample-course"]').isChecked()).toBe(false)
		const report = page.locator('details.course-report').first()
		expect(await report.getAttribute('open')).not.toBeNull()
		const statistics = report.locator('details.item-statistics')
		if ((await statistics.count()) > 0) {
			expect(await statistics.getAttribute('open')).toBeNull()
			await statistics.locator('summary', { hasText: text.items }).click()
			expect(await statistics.locator('table').isVisible()).toBe(true)
		}
		// The course's heading folds its report.
		await report.locator('summary h2').click()
		expect(await report.getAttribute('open')).toBeNull()
		await report.locator('summary h2').click()
		if (device === 'desktop') {
			// Not squeezed into the reading column: the table gets most of the window.
			const main = (await page.locator('main').boundingBox())!
			expect(main.width).toBeGreaterThan(1100)
		}
		await expectNoAxeViolations(page)
		await page.close()
	})

	test('login cards have a print button, and it is not printed', async () => {
		const page = await newPage()
		await page.goto(`${baseUrl}/login?lng=${locale}`)
		await signIn(page, 'teacher@example.org', 'demo-teacher-password')
		await page.goto(`${baseUrl}/orgs/demo-school?lng=${locale}`)
		await page.locator('#group-name').fill(`Cards ${locale} ${device}`)
		await page.locator('#group-name').press('Enter')
		await page.waitForURL(/\/groups\/[^/]+$/)
		await page.goto(`${page.url()}/pupils?lng=${locale}`)
		await page.locator('textarea[name="names"]').fill('Ерлан Сейіт')
		await page.locator('form:has(textarea[name="names"]) button[type="submit"]').click()
		const print = page.getByRole('button', { name: text.print })
		await print.waitFor()
		await expectNoAxeViolations(page)
		await page.emulateMedia({ media: 'print' })
		expect(await print.isVisible()).toBe(false)
		expect(await page.locator('.login-card').first().isVisible()).toBe(true)
		await page.close()
	})

	test('/help lists crisis centres by region, no unconfirmed number, and no second helpline card in the footer', async () => {
		const page = await newPage()
		await page.goto(`${baseUrl}/help?lng=${locale}`)
		expect(await page.locator('.crisis-centres section h3').count()).toBe(3)
		expect(await page.locator('.crisis-centres .centre').count()).toBe(3)
		expect(await page.locator('a[href="tel:150"]').count()).toBe(0)
		expect(await page.locator('footer .helpline-card').count()).toBe(0)
		expect(await page.locator('aside.helpline-card').count()).toBe(1)
		await expectNoAxeViolations(page)
		await page.close()
	})

	test('a lesson’s helpline card and the footer’s have different accessible names', async () => {
		const page = await newPage()
		await page.goto(`${baseUrl}/courses/sample-course/lessons/first-lesson?lng=${locale}`)
		const names = await page.locator('aside').evaluateAll((asides) =>
			asides.map((aside) => aside.getAttribute('aria-label') ?? document.getElementById(aside.getAttribute('aria-labelledby') ?? '')?.textContent ?? ''),
		)
		expect(names.length).toBeGreaterThanOrEqual(2)
		expect(new Set(names).size).toBe(names.length)
		await page.close()
	})

	test('/safety says what discreet mode cannot hide and how history and private windows work', async () => {
		const page = await newPage()
		await page.goto(`${baseUrl}/safety?lng=${locale}`)
		expect(await page.locator('.discreet-cannot').isVisible()).toBe(true)
		const body = await page.locator('main').innerText()
		expect(body).toMatch(locale === 'kk' ? /Тарих/ : /Истори/)
		expect(body).toMatch(locale === 'kk' ? /инкогнито/ : /инкогнито/)
		await expectNoAxeViolations(page)
		await page.close()
	})

	test('the home page has no "JavaScript" jargon, and every course card has its small picture', async () => {
		const page = await newPage()
		await page.goto(`${baseUrl}/?lng=${locale}`)
		expect(await page.locator('main').innerText()).not.toContain('JavaScript')
		await page.goto(`${baseUrl}/courses?lng=${locale}`)
		const cards = page.locator('.course-card')
		expect(await cards.count()).toBeGreaterThan(0)
		expect(await page.locator('.course-card svg.course-icon[aria-hidden="true"]').count()).toBe(await cards.count())
		await expectNoAxeViolations(page)
		await page.close()
	})

	test('the holder’s certificate page shows the name as verifiers see it, and changing it says so', { timeout: 180_000 }, async () => {
		const login = await learnerWithProgress()
		const page = await newPage()
		await page.goto(`${baseUrl}/login?lng=en`)
		await signIn(page, login, PASSWORD)
		for (const lesson of ['second-lesson', 'third-lesson']) {
			await page.goto(`${baseUrl}/courses/sample-course/lessons/${lesson}?lng=en`)
			await page.getByRole('button', { name: /^Complete/ }).click()
			await page.waitForURL((url) => !url.pathname.endsWith(`/${lesson}`))
		}
		await page.locator('h1', { hasText: 'Final quiz' }).waitFor()
		await answerSampleQuizRight(page)
		await page.getByRole('button', { name: 'Submit answers' }).click()
		await page.getByRole('heading', { name: 'Get your certificate' }).waitFor()
		await page.getByRole('button', { name: 'Issue my certificate' }).click()
		await page.locator('.certificate__code strong').waitFor()
		const code = (await page.locator('.certificate__code strong').textContent())!

		await page.goto(`${baseUrl}/certificates/${code}?lng=${locale}`)
		const section = page.locator('.name-visibility')
		expect(await section.innerText()).toContain(text.verifiersSee)
		const shown = async () => (await section.locator('.name-visibility__name').textContent())!
		const before = await shown()
		await section.locator('button[name="showFullName"]').click()
		await page.getByText(text.nameSaved).waitFor()
		const after = await shown()
		expect(after).not.toBe(before)
		expect([before, after]).toContain('Әсел Қанатқызы')
		// What the page says is what a verifier sees.
		const check = await newPage()
		await check.goto(`${baseUrl}/verify/${code}?lng=${locale}`)
		expect(await check.locator('main').innerText()).toContain(after)
		await expectNoAxeViolations(page)
		await page.close()
	})
})
