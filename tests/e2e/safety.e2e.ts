import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, inject, test } from 'vitest'
import { answerNeutralSite, expectNoAxeViolations, browserForFile, NEUTRAL_SITE } from './browser.ts'

const baseUrl = inject('baseUrl')
const browser = browserForFile()

async function newContext(options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
	const context = await browser().newContext(options)
	await answerNeutralSite(context)
	return context
}

/** Home, then a lesson: the page to leave, with something behind it in history. */
async function onLessonAfterHome(page: Page) {
	await page.goto(`${baseUrl}/?lng=en`)
	await page.goto(`${baseUrl}/courses/sample-course/lessons/first-lesson?lng=en`)
	await page.locator('html.quick-exit-ready').waitFor({ state: 'attached' })
}

describe('quick exit', () => {
	test('is first in the tab order after the skip link', async () => {
		const context = await newContext()
		const page = await context.newPage()
		await page.goto(`${baseUrl}/courses?lng=en`)
		await page.keyboard.press('Tab')
		await page.keyboard.press('Tab')
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Exit now')
		await context.close()
	})

	test('the button leaves at once and replaces the history entry: Back does not return', async () => {
		const context = await newContext()
		const page = await context.newPage()
		await onLessonAfterHome(page)
		await page.getByRole('link', { name: 'Exit now' }).click()
		await page.waitForURL(NEUTRAL_SITE)
		expect(await page.title()).toBe('Weather')
		await page.goBack()
		expect(page.url()).toBe(`${baseUrl}/?lng=en`)
		// Coming back, the page is usable again.
		expect(await page.evaluate(() => document.documentElement.classList.contains('exiting'))).toBe(false)
		expect(await page.locator('h1').isVisible()).toBe(true)
		await context.close()
	})

	test('without JavaScript it is a plain link to the neutral site', async () => {
		const context = await newContext({ javaScriptEnabled: false })
		const page = await context.newPage()
		await page.goto(`${baseUrl}/help?lng=ru`)
		await page.getByRole('link', { name: 'Выйти сейчас' }).click()
		await page.waitForURL(NEUTRAL_SITE)
		expect(await page.title()).toBe('Weather')
		await context.close()
	})

	test('Shift three times leaves, announcing the count to screen readers', async () => {
		const context = await newContext()
		const page = await context.newPage()
		await onLessonAfterHome(page)
		await page.keyboard.press('Shift')
		await page.getByRole('status').filter({ hasText: 'Shift: press 2 more times to exit.' }).waitFor()
		await page.keyboard.press('Shift')
		await page.getByRole('status').filter({ hasText: 'Shift: press 1 more time to exit.' }).waitFor()
		await page.keyboard.press('Shift')
		await page.waitForURL(NEUTRAL_SITE)
		await page.goBack()
		expect(page.url()).toBe(`${baseUrl}/?lng=en`)
		await context.close()
	})

	test('Escape twice leaves; another key in between starts the count again', async () => {
		const context = await newContext()
		const page = await context.newPage()
		await onLessonAfterHome(page)
		await page.keyboard.press('Escape')
		await page.keyboard.press('a')
		await page.keyboard.press('Escape')
		await page.getByRole('status').filter({ hasText: 'Escape: press 1 more time to exit.' }).waitFor()
		expect(page.url()).toContain('/lessons/first-lesson')
		await page.keyboard.press('Escape')
		await page.waitForURL(NEUTRAL_SITE)
		await context.close()
	})
})

describe('help and safety pages', () => {
	test.each(['kk', 'ru', 'en'])('pass axe in %s', async (locale) => {
		const context = await newContext()
		const page = await context.newPage()
		for (const path of ['/help', '/safety', '/courses', '/courses/sample-course']) {
			const response = await page.goto(`${baseUrl}${path}?lng=${locale}`)
			expect(response?.status()).toBe(200)
			await expectNoAxeViolations(page)
		}
		await context.close()
	})

	test('every page has a Get help now link and the helpline card', async () => {
		const context = await newContext()
		const page = await context.newPage()
		for (const path of ['/', '/courses', '/courses/sample-course/lessons/second-lesson', '/nowhere']) {
			await page.goto(`${baseUrl}${path}?lng=en`)
			expect(await page.getByRole('link', { name: 'Get help now' }).count()).toBe(1)
			expect(await page.locator('a[href="tel:112"]').count()).toBeGreaterThan(0)
		}
		await context.close()
	})
})

test('discreet mode gives every page a neutral title, without JavaScript too', async () => {
	const context = await newContext({ javaScriptEnabled: false })
	const page = await context.newPage()
	await page.goto(`${baseUrl}/safety?lng=en`)
	await page.getByRole('button', { name: 'Turn discreet mode on' }).click()
	await page.getByText('Discreet mode is on on this device.').waitFor()
	for (const path of ['/', '/courses/sample-course', '/courses/sample-course/lessons/first-lesson', '/help', '/nowhere']) {
		await page.goto(`${baseUrl}${path}?lng=en`)
		expect(await page.title()).toBe('Learning')
	}
	await page.goto(`${baseUrl}/safety?lng=ru`)
	expect(await page.title()).toBe('Обучение')
	await page.getByRole('button', { name: 'Выключить незаметный режим' }).click()
	await page.getByText('Незаметный режим выключен.').waitFor()
	expect(await page.title()).toBe('Безопасность в сети — Qorgau')
	await context.close()
})

describe('small screens and low bandwidth', () => {
	test('pages fit 320 px without horizontal scrolling', async () => {
		const context = await browser().newContext({ viewport: { width: 320, height: 640 } })
		const page = await context.newPage()
		for (const path of ['/', '/courses', '/courses/sample-course/lessons/first-lesson', '/help', '/safety']) {
			await page.goto(`${baseUrl}${path}?lng=kk`)
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
			expect({ path, overflow }).toEqual({ path, overflow: 0 })
		}
		await context.close()
	})

	// Compressed body bytes as they cross the network; 1 KB = 1024 bytes.
	test('a lesson page stays within its byte budget (≤ 150 KB, JavaScript ≤ 120 KB, compressed)', async () => {
		const context = await browser().newContext()
		const page = await context.newPage()
		const responses: { url: string; bytes: Promise<number> }[] = []
		page.on('requestfinished', (request) => {
			responses.push({ url: request.url(), bytes: request.sizes().then((sizes) => sizes.responseBodySize) })
		})
		await page.goto(`${baseUrl}/courses/sample-course/lessons/first-lesson?lng=kk`, { waitUntil: 'networkidle' })
		const sized = await Promise.all(responses.map(async (entry) => ({ url: entry.url, bytes: await entry.bytes })))
		const total = sized.reduce((sum, entry) => sum + entry.bytes, 0)
		const script = sized.filter((entry) => entry.url.endsWith('.js')).reduce((sum, entry) => sum + entry.bytes, 0)
		const biggest = [...sized].sort((a, b) => b.bytes - a.bytes).slice(0, 3).map((entry) => `${entry.url} ${entry.bytes}`)
		expect({ total: total <= 150 * 1024, script: script <= 120 * 1024, biggest }).toEqual({ total: true, script: true, biggest })
		await context.close()
	})
})
