// Every page type in every language passes axe (WCAG 2.2 AA); zoom and keyboard journeys.
import { randomBytes } from 'node:crypto'
import type { Page } from 'playwright-core'
import { describe, expect, inject, test } from 'vitest'
import { browserForFile, expectNoAxeViolations } from './browser.ts'

const baseUrl = inject('baseUrl')
const browser = browserForFile()

const PUBLIC_PAGES = ['/', '/courses', '/courses/sample-course', '/courses/sample-course/lessons/first-lesson', '/courses/sample-course/quiz', '/help', '/safety', '/about', '/verify', '/login', '/signup', '/reset-password', '/nowhere']

describe.each(['kk', 'ru', 'en'])('in %s', (locale) => {
	test.each(PUBLIC_PAGES)('%s passes axe', async (path) => {
		const context = await browser().newContext()
		const page = await context.newPage()
		await page.goto(`${baseUrl}${path}?lng=${locale}`)
		await expectNoAxeViolations(page)
		await context.close()
	})

	test('the account page passes axe', async () => {
		const context = await browser().newContext()
		const page = await context.newPage()
		await page.goto(`${baseUrl}/login?lng=${locale}`)
		await page.locator('html.quick-exit-ready').waitFor({ state: 'attached' })
		await page.locator('#account-login input[name="login"]').fill('teacher@example.org')
		await page.locator('#account-login input[name="password"]').fill('demo-teacher-password')
		await page.locator('#account-login button[type="submit"]').click()
		// Staff land on their organisation.
		await page.waitForURL(/\/orgs\/demo-school$/)
		await page.goto(`${baseUrl}/account?lng=${locale}`)
		await expectNoAxeViolations(page)
		// The organisation pages and a class dashboard with a course assigned.
		await page.goto(`${baseUrl}/orgs?lng=${locale}`)
		await expectNoAxeViolations(page)
		await page.goto(`${baseUrl}/orgs/demo-school?lng=${locale}`)
		await expectNoAxeViolations(page)
		await page.locator('a[href^="/orgs/demo-school/groups/"]').first().click()
		await page.locator('input[name="course"][value="sample-course"]').check()
		await page.locator('form.assign-courses button[type="submit"]').click()
		await page.locator('table.results').first().waitFor()
		await expectNoAxeViolations(page)
		await page.goto(`${page.url().split('?')[0]}/poster?lng=${locale}`)
		await expectNoAxeViolations(page)
		for (const section of ['members', 'settings', 'certificates', 'certificates?show=expiring', 'certificates?show=renewal']) {
			await page.goto(`${baseUrl}/orgs/demo-school/${section}${section.includes('?') ? '&' : '?'}lng=${locale}`)
			await expectNoAxeViolations(page)
		}
		// An invite link shown once, then its acceptance page.
		await page.goto(`${baseUrl}/orgs/demo-school/members?lng=${locale}`)
		await page.locator('form.filters button[type="submit"]').click()
		const inviteUrl = await page.locator('code.invite-link').textContent()
		await expectNoAxeViolations(page)
		await page.goto(`${inviteUrl}?lng=${locale}`)
		await expectNoAxeViolations(page)
		await page.goto(`${baseUrl}/join?lng=${locale}`)
		await expectNoAxeViolations(page)
		await context.close()
	})
})

async function noHorizontalScroll(page: Page) {
	return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)
}

test('at 200 % zoom (640 px wide at 2× scale) pages reflow without horizontal scrolling', async () => {
	const context = await browser().newContext({ viewport: { width: 640, height: 480 }, deviceScaleFactor: 2 })
	const page = await context.newPage()
	await page.addInitScript(() => {
		document.addEventListener('DOMContentLoaded', () => (document.documentElement.style.fontSize = '200%'))
	})
	for (const path of ['/', '/courses/sample-course/lessons/first-lesson', '/login', '/verify']) {
		await page.goto(`${baseUrl}${path}?lng=kk`)
		expect({ path, fits: await noHorizontalScroll(page) }).toEqual({ path, fits: true })
	}
	await context.close()
})

test('a keyboard-only journey: skip link, quick exit, navigation, a lesson completed with Enter', async () => {
	const context = await browser().newContext()
	const page = await context.newPage()
	await page.goto(`${baseUrl}/courses/sample-course/lessons/first-lesson?lng=en`)
	await page.locator('html.quick-exit-ready').waitFor({ state: 'attached' })
	const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')
	await page.keyboard.press('Tab')
	expect(await focused()).toBe('Skip to main content')
	await page.keyboard.press('Tab')
	expect(await focused()).toBe('Exit now')
	// Tab through the whole page and make sure focus always lands on something visible and moves on.
	const seen: string[] = []
	for (let index = 0; index < 60; index++) {
		await page.keyboard.press('Tab')
		const visible = await page.evaluate(() => {
			const element = document.activeElement as HTMLElement | null
			if (!element || element === document.body) return null
			const box = element.getBoundingClientRect()
			return box.width > 0 && box.height > 0 ? element.textContent?.trim() ?? element.tagName : 'INVISIBLE'
		})
		if (visible === null) break
		expect(visible).not.toBe('INVISIBLE')
		seen.push(visible)
		if (visible === 'Complete and continue') break
	}
	expect(seen).toContain('Complete and continue')
	await page.keyboard.press('Enter')
	await page.locator('h1', { hasText: 'Second lesson' }).waitFor()
	await context.close()
})

test('a fresh account can be made with the keyboard alone', async () => {
	const context = await browser().newContext()
	const page = await context.newPage()
	await page.goto(`${baseUrl}/signup?lng=en`)
	await page.locator('html.quick-exit-ready').waitFor({ state: 'attached' })
	await page.getByLabel('Name to show').focus()
	await page.keyboard.type('Keyboard User')
	await page.keyboard.press('Tab')
	await page.keyboard.type(`keys-${randomBytes(3).toString('hex')}`)
	await page.keyboard.press('Tab')
	await page.keyboard.type('a-long-password')
	await page.keyboard.press('Enter')
	await page.locator('h1', { hasText: 'Your account' }).waitFor()
	await context.close()
})
