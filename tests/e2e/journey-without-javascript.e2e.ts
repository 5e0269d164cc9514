// The whole learner's journey with JavaScript off, in one browser session: the product must
// work for a reader on an old phone or with scripts blocked.
import { randomBytes } from 'node:crypto'
import { expect, inject, test } from 'vitest'
import { answer, answerNeutralSite, answerSampleQuizRight, browserForFile, NEUTRAL_SITE } from './browser.ts'

const baseUrl = inject('baseUrl')
const browser = browserForFile()

test('switch language, lessons, quiz (fail, retry, pass), sign up, certificate, verification, help and quick exit', async () => {
	const context = await browser().newContext({ javaScriptEnabled: false, locale: 'kk-KZ' })
	await answerNeutralSite(context)
	const page = await context.newPage()

	// Kazakh first (the browser's language), then English from the switcher.
	await page.goto(`${baseUrl}/`)
	expect(await page.getAttribute('html', 'lang')).toBe('kk')
	await page.getByRole('link', { name: 'English' }).click()
	expect(await page.getAttribute('html', 'lang')).toBe('en')

	// Lessons: each form posts and the server moves the reader on.
	await page.goto(`${baseUrl}/courses/sample-course`)
	for (const lesson of ['first-lesson', 'second-lesson', 'third-lesson']) {
		await page.goto(`${baseUrl}/courses/sample-course/lessons/${lesson}`)
		await page.getByRole('button', { name: /^Complete/ }).click()
		await page.waitForURL((url) => !url.pathname.endsWith(`/${lesson}`))
	}

	// The quiz: a fail with feedback, then a retry that passes.
	await page.locator('h1', { hasText: 'Final quiz' }).waitFor()
	await answer(page, 'What is the safest next step', 'Knock on the door yourself')
	await answer(page, 'Which of these can be violence', "Taking someone's salary card")
	await answer(page, 'never the victim', 'True')
	await answer(page, 'Leaving a violent relationship', 'Easy for anyone who really wants to leave')
	await page.getByRole('button', { name: 'Submit answers' }).click()
	await page.getByRole('heading', { name: 'Your result' }).waitFor()
	expect(await page.getByText('1 of 4 right (25 %)').count()).toBe(1)
	await page.getByRole('link', { name: 'Try again' }).first().click()
	await answerSampleQuizRight(page)
	await page.getByRole('button', { name: 'Submit answers' }).click()
	await page.getByText('You passed. Well done.').waitFor()
	const resultUrl = page.url()

	// Signing up keeps the guest's progress and passing attempt.
	await page.goto(`${baseUrl}/signup`)
	await page.getByLabel('Name to show').fill('Дана Серік')
	await page.getByLabel('Email or username').fill(`dana-${randomBytes(3).toString('hex')}`)
	await page.getByLabel('Password').fill('a-long-password')
	await page.getByRole('button', { name: 'Create account' }).click()
	// A guest who passed lands on the certificate's name form (decision 008).
	await page.locator('h1', { hasText: 'You passed — get your certificate' }).waitFor()

	// The certificate, from the result page.
	await page.goto(resultUrl)
	await page.getByRole('button', { name: 'Issue my certificate' }).click()
	await page.locator('h1', { hasText: 'Certificate of completion' }).waitFor()
	const code = (await page.locator('.certificate__code strong').textContent())!

	// Anyone can verify it, also without JavaScript.
	const stranger = await browser().newContext({ javaScriptEnabled: false })
	const verifier = await stranger.newPage()
	await verifier.goto(`${baseUrl}/verify?lng=en`)
	await verifier.getByLabel('Certificate code').fill(code.toLowerCase())
	await verifier.getByRole('button', { name: 'Check', exact: true }).click()
	expect(await verifier.locator('.verdict').textContent()).toBe('Valid')
	await stranger.close()

	// Help is one link away; the quick exit is a plain link to the neutral site.
	await page.getByRole('link', { name: 'Get help now' }).first().click()
	await page.waitForURL(`${baseUrl}/help`)
	expect(await page.locator('h1').textContent()).toBeTruthy()
	await page.getByRole('link', { name: 'Exit now' }).click()
	await page.waitForURL(NEUTRAL_SITE)
	expect(await page.title()).toBe('Weather')
	await context.close()
})
