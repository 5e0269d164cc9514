import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, inject, test } from 'vitest'
import { answerSampleQuizRight, expectNoAxeViolations, browserForFile } from './browser.ts'

const baseUrl = inject('baseUrl')
const browser = browserForFile()

describe.each([
	['with JavaScript', true],
	['without JavaScript', false],
])('a learner %s', (_label, javaScriptEnabled) => {
	// The whole journey, with the credential checked on /verify: longer than one page's budget.
	test('finishes a course, gets the certificate, downloads the PDF and the credential, and a stranger verifies both', { timeout: 180_000 }, async () => {
		const context = await browser().newContext({ javaScriptEnabled, acceptDownloads: true })
		const page = await context.newPage()
		await page.goto(`${baseUrl}/signup?lng=en`)
		await page.getByLabel('Name to show').fill('Әсел Қанатқызы')
		await page.getByLabel('Email or username').fill(`asel-${randomBytes(3).toString('hex')}`)
		await page.getByLabel('Password').fill('a-long-password')
		await page.getByRole('button', { name: 'Create account' }).click()
		await page.locator('h1', { hasText: 'Your account' }).waitFor()

		for (const lesson of ['first-lesson', 'second-lesson', 'third-lesson']) {
			await page.goto(`${baseUrl}/courses/sample-course/lessons/${lesson}?lng=en`)
			await page.getByRole('button', { name: /^Complete/ }).click()
			// The completion is saved once the browser has moved on (a client-side navigation with JavaScript).
			await page.waitForURL((url) => !url.pathname.endsWith(`/${lesson}`))
		}
		await page.locator('h1', { hasText: 'Final quiz' }).waitFor()
		await answerSampleQuizRight(page)
		await page.getByRole('button', { name: 'Submit answers' }).click()
		await page.getByRole('heading', { name: 'Get your certificate' }).waitFor()
		expect(await page.getByLabel('Name on the certificate').inputValue()).toBe('Әсел Қанатқызы')
		await page.getByRole('button', { name: 'Issue my certificate' }).click()
		await page.locator('h1', { hasText: 'Certificate of completion' }).waitFor()
		if (javaScriptEnabled) await expectNoAxeViolations(page)
		const code = (await page.locator('.certificate__code strong').textContent())!
		expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/)

		// The link, then the file it serves to this signed-in browser.
		const link = page.getByRole('link', { name: 'Download PDF' })
		expect(await link.getAttribute('href')).toBe(`/certificates/${code}.pdf`)
		const pdf = await context.request.get(`${baseUrl}/certificates/${code}.pdf`)
		expect({ status: pdf.status(), type: pdf.headers()['content-type'], url: pdf.url() }).toEqual({ status: 200, type: 'application/pdf', url: `${baseUrl}/certificates/${code}.pdf` })
		expect(pdf.headers()['content-disposition']).toBe(`attachment; filename="certificate-${code}.pdf"`)
		expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-')

		// The Open Badges credential and the LinkedIn link (decision 017).
		expect(await page.getByRole('link', { name: 'Download digital credential (JSON)' }).getAttribute('href')).toBe(`/certificates/${code}/credential`)
		const linkedIn = new URL((await page.getByRole('link', { name: 'Add to LinkedIn profile' }).getAttribute('href'))!)
		expect(linkedIn.origin + linkedIn.pathname).toBe('https://www.linkedin.com/profile/add')
		expect(linkedIn.searchParams.get('certId')).toBe(code)
		const credential = await context.request.get(`${baseUrl}/certificates/${code}/credential`)
		expect(credential.headers()['content-disposition']).toBe(`attachment; filename="certificate-${code}.json"`)
		const credentialJson = await credential.text()

		const stranger = await browser().newContext({ javaScriptEnabled })
		const verifier = await stranger.newPage()
		await verifier.goto(`${baseUrl}/verify/${code}?lng=en`)
		expect(await verifier.locator('.verdict').textContent()).toBe('Valid')
		expect(await verifier.getByText('Ә. Қ.').count()).toBe(1)
		expect(await verifier.title()).toBe('Check a certificate — Qorgau')
		if (javaScriptEnabled) await expectNoAxeViolations(verifier)

		// The employer uploads the file, then pastes an altered copy.
		await verifier.goto(`${baseUrl}/verify?lng=en`)
		await verifier.getByLabel('Or choose the file').setInputFiles({ name: `certificate-${code}.json`, mimeType: 'application/json', buffer: Buffer.from(credentialJson) })
		await verifier.getByRole('button', { name: 'Check credential' }).click()
		await verifier.getByText('Valid: signed by this site, not revoked and not expired.').waitFor()
		expect(await verifier.getByText('Sample course').count()).toBeGreaterThan(0)
		if (javaScriptEnabled) await expectNoAxeViolations(verifier)
		await verifier.getByLabel('Credential (JSON)').fill(credentialJson.replace('"Sample course"', '"Another course"'))
		await verifier.getByRole('button', { name: 'Check credential' }).click()
		await verifier.getByText('Not valid: the signature does not match.', { exact: false }).waitFor()
		await stranger.close()
		await context.close()
	})
})

test('the verification form and an unknown code', async () => {
	const context = await browser().newContext()
	const page = await context.newPage()
	await page.goto(`${baseUrl}/verify?lng=ru`)
	await page.locator('html.quick-exit-ready').waitFor({ state: 'attached' })
	await expectNoAxeViolations(page)
	await page.getByLabel('Код сертификата').fill('0000-0000-0000-0000-0000')
	await page.getByRole('button', { name: 'Проверить', exact: true }).click()
	await page.getByText('Сертификата с таким кодом нет.').waitFor({ timeout: 10_000 }).catch(async (error) => {
		throw new Error(`${error}\n${page.url()}\n${await page.locator('main').innerText()}`)
	})
	await context.close()
})

describe.each([
	['with JavaScript', true],
	['without JavaScript', false],
])('bulk verification %s', (_label, javaScriptEnabled) => {
	test('checks codes as a table on the page, and downloads them as a CSV file', async () => {
		const context = await browser().newContext({ javaScriptEnabled, acceptDownloads: true })
		const page = await context.newPage()
		await page.goto(`${baseUrl}/verify?lng=en`)
		await page.getByLabel(/Codes, one per line/).fill('0000-0000-0000-0000-0000\nnonsense')
		await page.getByRole('button', { name: 'Check all' }).click()
		await page.getByRole('table').waitFor()
		expect(await page.getByRole('row').count()).toBe(3)

		await page.getByLabel(/Codes, one per line/).fill('0000-0000-0000-0000-0000')
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results (CSV)' }).click()])
		expect(download.suggestedFilename()).toBe('verification.csv')
		const file = await download.path()
		expect(readFileSync(file, 'utf8')).toContain('"0000-0000-0000-0000-0000"')
		await context.close()
	})
})
