import { describe, expect, inject, test } from 'vitest'
import { expectNoAxeViolations, browserForFile } from './browser.ts'

const baseUrl = inject('baseUrl')
const browser = browserForFile()

describe.each([
	['with JavaScript', true],
	['without JavaScript', false],
])('a learner %s', (_label, javaScriptEnabled) => {
	test('reads two lessons, completes them, switches language and keeps the progress', async () => {
		const context = await browser().newContext({ javaScriptEnabled })
		const page = await context.newPage()
		const problems: string[] = []
		page.on('pageerror', (error) => problems.push(error.message))
		page.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
		await page.goto(`${baseUrl}/courses?lng=en`)
		await page.getByRole('link', { name: 'Sample course' }).click()
		await page.getByRole('link', { name: 'Start the course' }).click()
		expect(await page.locator('h1').textContent()).toBe('First lesson')
		expect(await page.getByText('Lesson 1 of 3').count()).toBe(1)
		// axe runs as a script in the page, so it needs JavaScript.
		if (javaScriptEnabled) await expectNoAxeViolations(page)

		// The knowledge check and the scenario reveal work as plain <details>.
		await page.getByText('Right', { exact: true }).click()
		expect(await page.getByText('Yes.').isVisible()).toBe(true)

		await page.getByRole('button', { name: 'Complete and continue' }).click()
		await page.locator('h1', { hasText: 'Second lesson' }).waitFor()
		// With JavaScript this was a client-side navigation: the body came from the lesson's /body
		// route as HTML, and the browser evaluated no lesson code.
		expect(await page.locator('.lesson__body').textContent()).toContain('Marker-en-second')
		// A lesson with a content note shows it first, with a way to skip.
		expect(await page.getByRole('link', { name: 'Skip this lesson and go to the next one' }).count()).toBe(1)
		// …and says what skipping costs: the certificate needs every lesson (issue 20).
		expect(await page.locator('.content-note__hint').textContent()).toContain('A certificate needs every lesson.')
		await page.getByRole('button', { name: 'Complete and continue' }).click()
		await page.locator('h1', { hasText: 'Third lesson' }).waitFor()

		await page.getByRole('link', { name: 'Русский' }).click()
		await page.locator('h1', { hasText: 'Третий урок' }).waitFor()
		expect(await page.getByText('Пройдено уроков: 2 из 3').first().isVisible()).toBe(true)

		await page.goto(`${baseUrl}/courses/sample-course`)
		expect(await page.locator('.lesson-list__item--done').count()).toBe(2)
		await page.goto(`${baseUrl}/`)
		expect(await page.getByRole('link', { name: 'Продолжить «Пример курса»' }).count()).toBe(1)
		// No hydration mismatch, no script the policy refused (there is no 'unsafe-eval' to lean on).
		expect(problems).toEqual([])
		await context.close()
	})
})

test('a course missing the reader’s language shows another one with a notice', async () => {
	const context = await browser().newContext()
	const page = await context.newPage()
	await page.goto(`${baseUrl}/courses/partial-languages/lessons/only-lesson?lng=en`)
	expect(await page.getByText('This lesson is not available in your language yet').count()).toBe(1)
	expect(await page.locator('article').getAttribute('lang')).toBe('kk')
	await expectNoAxeViolations(page)
	await context.close()
})
