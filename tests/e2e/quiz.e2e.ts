import type { Page } from 'playwright-core'
import { describe, expect, inject, test } from 'vitest'
import { answer, answerSampleQuizRight, expectNoAxeViolations, browserForFile } from './browser.ts'

const baseUrl = inject('baseUrl')
const browser = browserForFile()

async function completeAllLessons(page: Page) {
	for (const lesson of ['first-lesson', 'second-lesson', 'third-lesson']) {
		await page.goto(`${baseUrl}/courses/sample-course/lessons/${lesson}?lng=en`)
		await page.getByRole('button', { name: /^Complete/ }).click()
		// The completion is saved once the browser has moved on (a client-side navigation with JavaScript).
		await page.waitForURL((url) => !url.pathname.endsWith(`/${lesson}`))
	}
}

describe.each([
	['with JavaScript', true],
	['without JavaScript', false],
])('the quiz %s', (_label, javaScriptEnabled) => {
	test('fail, read the feedback, retry and pass', async () => {
		const context = await browser().newContext({ javaScriptEnabled })
		const page = await context.newPage()
		await completeAllLessons(page)
		await page.locator('h1', { hasText: 'Final quiz' }).waitFor()
		const html = await page.content()
		expect(html).not.toContain('Many things make leaving hard')
		expect(html).not.toContain('Fear, money and children make it hard')
		if (javaScriptEnabled) await expectNoAxeViolations(page)

		// Submitting with gaps brings the form back with a summary and the answers kept.
		await answer(page, 'Leaving a violent relationship', 'Easy for anyone who really wants to leave')
		await page.getByRole('button', { name: 'Submit answers' }).click()
		await page.getByRole('heading', { name: 'Please answer every question' }).waitFor()
		expect(await page.getByLabel('Easy for anyone who really wants to leave', { exact: true }).isChecked()).toBe(true)
		if (javaScriptEnabled) expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary')

		await answer(page, 'What is the safest next step', 'Knock on the door yourself')
		await answer(page, 'Which of these can be violence', 'Taking someone\'s salary card')
		await answer(page, 'never the victim', 'True')
		await page.getByRole('button', { name: 'Submit answers' }).click()
		await page.getByRole('heading', { name: 'Your result' }).waitFor()
		expect(await page.getByText('1 of 4 right (25 %)').count()).toBe(1)
		expect(await page.getByText('Fear, money and children make it hard.').count()).toBe(1)
		// The key waits for a pass: no explanation and no right option of a wrong answer (decision 008).
		expect(await page.getByText('Many things make leaving hard; support without judging.').count()).toBe(0)
		expect(await page.content()).not.toContain('Often hard and sometimes dangerous')
		expect(await page.getByRole('link', { name: 'Third lesson' }).count()).toBe(1)
		if (javaScriptEnabled) await expectNoAxeViolations(page)

		await page.getByRole('link', { name: 'Try again' }).first().click()
		await page.locator('h1', { hasText: 'Final quiz' }).waitFor()
		await answerSampleQuizRight(page)
		await page.getByRole('button', { name: 'Submit answers' }).click()
		await page.getByRole('heading', { name: 'Your result' }).waitFor()
		expect(await page.getByText('4 of 4 right (100 %)').count()).toBe(1)
		expect(await page.getByText('You passed. Well done.').count()).toBe(1)
		await context.close()
	})
})

test('the quiz can be answered with the keyboard alone', async () => {
	const context = await browser().newContext()
	const page = await context.newPage()
	await completeAllLessons(page)
	await page.locator('h1', { hasText: 'Final quiz' }).waitFor()
	// Keys pressed before hydration could be lost: wait until the page's scripts run.
	await page.locator('html.quick-exit-ready').waitFor({ state: 'attached' })
	// Focus the first option, then move with Tab and the arrow keys; Space checks boxes.
	await page.getByRole('group', { name: /What is the safest next step/ }).getByRole('radio').first().focus()
	await page.keyboard.press('ArrowDown')
	expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(true)
	await page.keyboard.press('Tab')
	await page.keyboard.press('Space')
	expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('checkbox')
	expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(true)
	await context.close()
})
