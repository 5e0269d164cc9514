import { describe, expect, inject, test } from 'vitest'
import { expectNoAxeViolations, browserForFile } from './browser.ts'

const baseUrl = inject('baseUrl')
const browser = browserForFile()

describe.each([
	['kk', 'Зорлық-зомбылықты тануды және қауіпсіз көмектесуді үйреніңіз'],
	['ru', 'Научитесь распознавать насилие и безопасно помогать'],
	['en', 'Learn to recognise violence and to help safely'],
])('the home page in %s', (locale, heading) => {
	test('renders in that language and passes axe', async () => {
		const context = await browser().newContext()
		const page = await context.newPage()
		const response = await page.goto(`${baseUrl}/?lng=${locale}`)
		expect(response?.status()).toBe(200)
		expect(await page.getAttribute('html', 'lang')).toBe(locale)
		expect(await page.locator('h1').textContent()).toBe(heading)
		await expectNoAxeViolations(page)
		await context.close()
	})
})

test('the language switcher works without JavaScript and the choice sticks', async () => {
	const context = await browser().newContext({ javaScriptEnabled: false, locale: 'en-GB' })
	const page = await context.newPage()
	await page.goto(`${baseUrl}/`)
	expect(await page.getAttribute('html', 'lang')).toBe('en')
	await page.getByRole('link', { name: 'Русский' }).click()
	expect(await page.getAttribute('html', 'lang')).toBe('ru')
	await page.goto(`${baseUrl}/`)
	expect(await page.getAttribute('html', 'lang')).toBe('ru')
	await context.close()
})

test('the first Tab reaches the skip link, which moves focus to the main content', async () => {
	const context = await browser().newContext()
	const page = await context.newPage()
	await page.goto(`${baseUrl}/?lng=en`)
	await page.keyboard.press('Tab')
	expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content')
	await page.keyboard.press('Enter')
	expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')
	await context.close()
})

test('the page hydrates without errors', async () => {
	const context = await browser().newContext()
	const page = await context.newPage()
	const errors: string[] = []
	page.on('pageerror', (error) => errors.push(error.message))
	page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
	await page.goto(`${baseUrl}/?lng=kk`, { waitUntil: 'networkidle' })
	expect(await page.evaluate(() => document.documentElement.lang)).toBe('kk')
	expect(errors).toEqual([])
	await context.close()
})

test('an unknown page shows the translated 404', async () => {
	const context = await browser().newContext()
	const page = await context.newPage()
	const response = await page.goto(`${baseUrl}/nowhere?lng=ru`)
	expect(response?.status()).toBe(404)
	expect(await page.title()).toBe('Страница не найдена — Qorgau')
	await expectNoAxeViolations(page)
	await context.close()
})
