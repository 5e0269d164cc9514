// A lesson scenario that asks first (<Choice>): choose, then see what each option leads to; works
// without JavaScript, is kept as practice, never graded (decision 008).
import { describe, expect, inject, test } from 'vitest'
import { expectNoAxeViolations, browserForFile } from './browser.ts'

const baseUrl = inject('baseUrl')
const browser = browserForFile()

describe.each([
	['with JavaScript', true],
	['without JavaScript', false],
])('a lesson choice %s', (_label, javaScriptEnabled) => {
	test('hides the feedback until the learner chooses, then shows every option’s and keeps the choice', async () => {
		const context = await browser().newContext({ javaScriptEnabled })
		const page = await context.newPage()
		const lesson = `${baseUrl}/courses/test-pool-course/lessons/control?lng=en`
		await page.goto(lesson)
		const choice = page.locator('#choice-phone-check')
		expect(await choice.textContent()).not.toContain('Listening without judging')
		if (javaScriptEnabled) await expectNoAxeViolations(page)
		await choice.getByLabel('Ask how she feels about it').check()
		await choice.getByRole('button', { name: 'See what happens' }).click()
		await choice.getByText('Listening without judging keeps her talking to you.').waitFor()
		expect(await choice.getByText('Your choice').count()).toBe(1)
		expect(await choice.getByText('Confronting him can make things worse for her.').count()).toBe(1)
		if (javaScriptEnabled) await expectNoAxeViolations(page)
		// Kept: the lesson shows it again on the next visit.
		await page.goto(lesson)
		await choice.getByText('Your choice').waitFor()
		await context.close()
	})
})
