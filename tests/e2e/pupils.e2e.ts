// A teacher creates pupil accounts and enrols a class from a CSV file; the printed login cards
// sign a pupil in. With and without JavaScript; axe on every new page.
import { randomBytes } from 'node:crypto'
import type { Cookie, Page } from 'playwright-core'
import { beforeAll, describe, expect, inject, test } from 'vitest'
import { browserForFile, expectNoAxeViolations } from './browser.ts'

const baseUrl = inject('baseUrl')
const browser = browserForFile()
/** One teacher for every test (sign-ups are rate-limited per address, and all tests share one). */
let teacher: Cookie[]

beforeAll(async () => {
	const context = await browser().newContext()
	const page = await context.newPage()
	await page.goto(`${baseUrl}/signup?lng=en`)
	await page.getByLabel('Name to show').fill('Aigerim')
	await page.getByLabel('Email or username').fill(`teacher-${randomBytes(3).toString('hex')}`)
	await page.getByLabel('Password').fill('a-long-password')
	await page.getByRole('button', { name: 'Create account' }).click()
	await page.locator('h1', { hasText: 'Your account' }).waitFor()
	teacher = await context.cookies()
	await context.close()
})

/** The teacher in a new browser context, with a new school and class; leaves the page on the class page. */
async function teacherWithClass(javaScriptEnabled: boolean) {
	const context = await browser().newContext({ javaScriptEnabled })
	await context.addCookies(teacher)
	const page = await context.newPage()
	await page.goto(`${baseUrl}/orgs?lng=en`)
	await page.getByLabel('Name of the school or organisation').fill('School No. 12')
	await page.getByRole('button', { name: 'Create' }).click()
	await page.locator('h1', { hasText: 'School No. 12' }).waitFor()
	const code = (await page.locator('main').innerText()).match(/Sign-in code for pupils: (\w+)/)?.[1]
	await page.getByLabel('Name', { exact: true }).fill('7 A')
	await page.getByRole('button', { name: 'Create' }).click()
	await page.locator('h1', { hasText: '7 A' }).waitFor()
	return { context, page, code }
}

/** The cards on the page, as the pupil would read them. */
async function readCards(page: Page) {
	// Without JavaScript the page streams in: the heading can be there before the last card.
	await page.waitForLoadState('load')
	return page.locator('.login-card').evaluateAll((cards) =>
		cards.map((card) => {
			const values = [...card.querySelectorAll('dd')].map((dd) => dd.textContent ?? '')
			const url = card.querySelector('.login-card__url')?.textContent?.split(': ')[1]
			return { name: card.querySelector('.login-card__name')?.textContent, orgCode: values[0], username: values[1], pin: values[2], url }
		}),
	)
}

async function pupilSignsIn(card: { orgCode?: string; username?: string; pin?: string }) {
	const context = await browser().newContext()
	const pupil = await context.newPage()
	await pupil.goto(`${baseUrl}/login?lng=en`)
	const form = pupil.getByRole('region', { name: 'Pupils: sign in with your school code' })
	await form.getByLabel('School code').fill(card.orgCode!)
	await form.getByLabel('Username').fill(card.username!)
	await form.getByLabel('PIN').fill(card.pin!)
	await form.getByRole('button', { name: 'Sign in' }).click()
	await pupil.waitForURL((url) => url.pathname !== '/login')
	await context.close()
}

describe.each([
	['with JavaScript', true],
	['without JavaScript', false],
])('a teacher %s', (_label, javaScriptEnabled) => {
	test('creates pupil accounts and prints the cards, which sign pupils in', async () => {
		const { context, page, code: orgCode } = await teacherWithClass(javaScriptEnabled)
		await page.getByRole('link', { name: 'Pupil accounts, login cards and new PINs' }).click()
		await page.locator('h1', { hasText: 'Pupil accounts: 7 A' }).waitFor()
		if (javaScriptEnabled) await expectNoAxeViolations(page)
		const names = ['Әлия Серік', 'Дияс Нұрланов', 'Мадина Ахметова', 'Тимур Ли', 'Аружан Сапар', 'Никита Орлов', 'Дана Ерлан', 'Айгерім Бек', 'Санжар Әли']
		await page.getByLabel('Names, one per line').fill(names.join('\n'))
		await page.getByRole('button', { name: 'Create accounts and show login cards' }).click()
		await page.locator('h1', { hasText: 'Login cards' }).waitFor()
		if (javaScriptEnabled) await expectNoAxeViolations(page)
		const cards = await readCards(page)
		expect(cards.map((card) => card.name)).toEqual(names)
		expect(cards[0]).toMatchObject({ orgCode, username: 'aliya.serik', url: `${baseUrl}/login?school=${orgCode}` })
		expect(cards[0]!.pin).toMatch(/^\d{6}$/)
		expect(await page.locator('.login-card [role="img"] svg').count()).toBe(9)

		// Printed: nine cards take two A4 pages, without the site's header or the notes.
		await page.emulateMedia({ media: 'print' })
		expect(await page.locator('.site-header').isVisible()).toBe(false)
		expect(await page.locator('.login-cards-notes').isVisible()).toBe(false)
		const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1')
		expect(pdf.match(/\/Type\s*\/Page\b/g)).toHaveLength(2)
		await page.emulateMedia({ media: 'screen' })

		// A pupil, in their own browser, signs in with what the card says. (Once per run: sign-ins
		// are rate-limited per address and every browser test shares one.)
		if (javaScriptEnabled) await pupilSignsIn(cards[3]!)

		// Back on the list, one pupil gets a new PIN: shown once on a card.
		await page.goto(page.url())
		if (javaScriptEnabled) await expectNoAxeViolations(page)
		await page.getByRole('button', { name: 'New PIN — Тимур Ли' }).click()
		await page.locator('h1', { hasText: 'Login cards' }).waitFor()
		const [reset] = await readCards(page)
		expect(reset).toMatchObject({ name: 'Тимур Ли', username: cards[3]!.username })
		await context.close()
	})

	test('enrols a class from a semicolon CSV: preview, confirm, cards', async () => {
		const { context, page } = await teacherWithClass(javaScriptEnabled)
		await page.getByRole('link', { name: 'Enrol from a CSV file' }).click()
		await page.locator('h1', { hasText: 'Enrol from a CSV file: 7 A' }).waitFor()
		if (javaScriptEnabled) await expectNoAxeViolations(page)
		const csv = '\ufeffИмя;Логин;Класс\r\nӘлия Серік;;\r\n=HYPERLINK("x");;\r\nДияс;;8 Б\r\n'
		await page.getByLabel('CSV file').setInputFiles({ name: 'class.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
		await page.getByRole('button', { name: 'Check the file' }).click()
		await page.locator('h2', { hasText: 'Preview' }).waitFor()
		if (javaScriptEnabled) await expectNoAxeViolations(page)
		await page.waitForLoadState('load')
		const rows = await page.locator('table.enrol-preview tbody tr').allInnerTexts()
		expect(rows).toHaveLength(3)
		expect(rows[0]).toContain('Will create')
		expect(rows[1]).toContain('like a spreadsheet formula')
		expect(rows[2]).toContain('no class or team named “8 Б”')
		await page.getByRole('button', { name: 'Confirm: create 1 and add 0' }).click()
		await page.locator('h1', { hasText: 'Login cards' }).waitFor()
		expect((await readCards(page)).map((card) => card.username)).toEqual(['aliya.serik'])
		await context.close()
	})
})
