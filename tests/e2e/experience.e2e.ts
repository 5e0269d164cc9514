// The phone and the desktop (issue: experience): the header fits a phone in one compact row with
// a menu that opens without JavaScript, and a desktop in one row; discreet mode neutralises the
// header's name too. Kazakh and Russian, the two languages with the longest words.
import { describe, expect, inject, test } from 'vitest'
import { expectNoAxeViolations, browserForFile } from './browser.ts'

const baseUrl = inject('baseUrl')
const LESSON = '/courses/sample-course/lessons/first-lesson'
const PHONE = { width: 360, height: 740 }
const DESKTOP = { width: 1280, height: 800 }
const COURSES = { kk: 'Курстар', ru: 'Курсы' } as const
const browser = browserForFile()

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
	a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

describe.each(['kk', 'ru'] as const)('the header in %s', (locale) => {
	test.each([true, false])('on a 360 × 740 phone (JavaScript %s): one row, a menu that opens, the quick exit always there', async (javaScriptEnabled) => {
		const context = await browser().newContext({ viewport: PHONE, javaScriptEnabled })
		const page = await context.newPage()
		await page.goto(`${baseUrl}${LESSON}?lng=${locale}`)
		const header = (await page.locator('.site-header').boundingBox())!
		// At most a fifth of the screen, so the lesson starts near the top.
		expect(header.height).toBeLessThanOrEqual(PHONE.height * 0.2)
		const courses = page.getByRole('link', { name: COURSES[locale], exact: true })
		expect(await courses.isVisible()).toBe(false)
		const exit = (await page.locator('.quick-exit__link').boundingBox())!
		const menu = (await page.locator('.site-menu > summary').boundingBox())!
		expect(overlaps(exit, menu)).toBe(false)
		expect(menu.width).toBeGreaterThanOrEqual(44)
		await page.locator('.site-menu > summary').click()
		expect(await courses.isVisible()).toBe(true)
		expect(await page.locator('.quick-exit__link').isVisible()).toBe(true)
		// axe runs in the page: only with JavaScript.
		if (javaScriptEnabled) await expectNoAxeViolations(page)
		await courses.click()
		await page.waitForURL(/\/courses$/)
		await context.close()
	})

	test('on a 1280 × 800 desktop: one row, every link shown, nothing under the quick exit', async () => {
		const context = await browser().newContext({ viewport: DESKTOP })
		const page = await context.newPage()
		await page.goto(`${baseUrl}${LESSON}?lng=${locale}`)
		expect(await page.locator('.site-menu > summary').isVisible()).toBe(false)
		expect(await page.getByRole('link', { name: COURSES[locale], exact: true }).isVisible()).toBe(true)
		const header = (await page.locator('.site-header').boundingBox())!
		const exit = (await page.locator('.quick-exit__link').boundingBox())!
		const links = await page.locator('.site-header a').all()
		const boxes = await Promise.all(links.map((link) => link.boundingBox()))
		// One row: every link's top within the first line.
		for (const box of boxes) expect(box!.y).toBeLessThan(header.y + 20)
		for (const box of boxes) expect(overlaps(box!, exit)).toBe(false)
		expect(header.height).toBeLessThan(80)
		await expectNoAxeViolations(page)
		await context.close()
	})
})

test('discreet mode neutralises the header’s name as well as the tab title', async () => {
	const context = await browser().newContext({ viewport: PHONE })
	const page = await context.newPage()
	await page.goto(`${baseUrl}/safety?lng=ru`)
	expect(await page.locator('.site-name').textContent()).toBe('Qorgau')
	await page.getByRole('button', { name: 'Включить незаметный режим' }).click()
	await page.getByText('Незаметный режим включён на этом устройстве.').waitFor()
	await page.goto(`${baseUrl}/?lng=ru`)
	expect(await page.title()).toBe('Обучение')
	expect(await page.locator('.site-name').textContent()).toBe('Обучение')
	await context.close()
})

test.each([
	['kk', 'Мұндай кодпен сертификат жоқ'],
	['ru', 'Сертификата с таким кодом нет'],
] as const)('an unknown certificate code in %s: a page that says so, with the form to try again (404)', async (locale, heading) => {
	const context = await browser().newContext({ viewport: PHONE, javaScriptEnabled: false })
	const page = await context.newPage()
	const response = await page.goto(`${baseUrl}/verify/AAAA-BBBB-CCCC-DDDD-EEEE?lng=${locale}`)
	expect(response?.status()).toBe(404)
	expect(await page.locator('h1').textContent()).toBe(heading)
	const field = page.locator('input[name="code"]')
	expect(await field.inputValue()).toBe('AAAA-BBBB-CCCC-DDDD-EEEE')
	await field.fill('0000-0000-0000-0000-0000')
	await page.locator('form[action="/verify"] button[type="submit"]').click()
	await page.waitForURL(/0000-0000/)
	expect(await page.locator('h1').textContent()).toBe(heading)
	await context.close()
})
