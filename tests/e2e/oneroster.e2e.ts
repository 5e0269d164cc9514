// An administrator imports a OneRoster 1.2 zip from the school's information system: preview per
// class, confirm, login cards; the same zip again changes nothing. Without JavaScript (a plain
// multipart form post), and with it for axe.
import { randomBytes } from 'node:crypto'
import { describe, expect, inject, test } from 'vitest'
import { rosterZip } from '../fixtures/oneroster.ts'
import { browserForFile, expectNoAxeViolations } from './browser.ts'

const baseUrl = inject('baseUrl')
const browser = browserForFile()

describe.each([
	['without JavaScript', false],
	['with JavaScript', true],
])('OneRoster import %s', (_label, javaScriptEnabled) => {
	test('preview, confirm, cards; importing again changes nothing', async () => {
		const context = await browser().newContext({ javaScriptEnabled })
		const page = await context.newPage()
		await page.goto(`${baseUrl}/signup?lng=en`)
		await page.getByLabel('Name to show').fill('Aigerim')
		await page.getByLabel('Email or username').fill(`admin-${randomBytes(3).toString('hex')}`)
		await page.getByLabel('Password').fill('a-long-password')
		await page.getByRole('button', { name: 'Create account' }).click()
		await page.locator('h1', { hasText: 'Your account' }).waitFor()
		await page.goto(`${baseUrl}/orgs?lng=en`)
		await page.getByLabel('Name of the school or organisation').fill('School No. 5')
		await page.getByRole('button', { name: 'Create' }).click()
		await page.locator('h1', { hasText: 'School No. 5' }).waitFor()
		await page.getByRole('link', { name: 'Import a OneRoster roster' }).click()
		await page.locator('h1', { hasText: 'Import a OneRoster roster' }).waitFor()

		const file = { name: 'oneroster.zip', mimeType: 'application/zip', buffer: Buffer.from(rosterZip()) }
		await page.getByLabel('OneRoster zip file').setInputFiles(file)
		await page.getByRole('button', { name: 'Check the zip' }).click()
		await page.locator('h2', { hasText: 'Preview' }).waitFor()
		await page.waitForLoadState('load')
		expect(await page.locator('main').innerText()).toContain('Classes to create: 2; pupil accounts to create: 3')
		expect(await page.locator('caption').allInnerTexts()).toEqual(['7 А: a new class will be created', '7 Ә: a new class will be created'])
		expect(await page.locator('main').innerText()).toContain('Гүлнар Ахметова: teacher')
		if (javaScriptEnabled) await expectNoAxeViolations(page)

		await page.getByRole('button', { name: 'Confirm the import' }).click()
		await page.locator('h1', { hasText: 'Login cards' }).waitFor()
		await page.waitForLoadState('load')
		expect(await page.locator('.login-card__name').allInnerTexts()).toEqual(['Әлия Серік', 'Диас Нұрланов', 'Анна Петрова'])

		await page.getByRole('link', { name: 'Back to the school' }).first().click()
		await page.getByRole('link', { name: 'Import a OneRoster roster' }).click()
		await page.getByLabel('OneRoster zip file').setInputFiles(file)
		await page.getByRole('button', { name: 'Check the zip' }).click()
		await page.locator('h2', { hasText: 'Preview' }).waitFor()
		expect(await page.locator('main').innerText()).toContain('Nothing to save: everything in this zip is already in place.')
		expect(await page.getByRole('button', { name: 'Confirm the import' }).count()).toBe(0)

		// A file that is not a zip: the message, on the same page.
		await page.getByLabel('OneRoster zip file').setInputFiles({ name: 'pupils.csv', mimeType: 'text/csv', buffer: Buffer.from('name\nӘлия\n') })
		await page.getByRole('button', { name: 'Check the zip' }).click()
		await page.getByRole('alert').waitFor()
		expect(await page.getByRole('alert').innerText()).toContain('This is not a zip file.')
		await context.close()
	})
})
