// What an employer comes for (decision 020), end to end: an HR lead creates a workplace with
// aggregate-only reports, invites a report viewer and 30 staff from a CSV, the staff accept from
// the links in their mail (one in the browser, the rest over HTTP to keep it quick) and finish
// the course (lessons and quiz: totals count people who answered), and the report viewer sees
// totals only — no one's name — and downloads them.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { launchBrowser } from './browser.ts'

const baseUrl = inject('baseUrl')
const outbox = inject('outboxDir')
const LESSONS = ['first-lesson', 'second-lesson', 'third-lesson']
let browser: Browser

beforeAll(async () => {
	browser = await launchBrowser()
})
afterAll(() => browser?.close())

/** The invitation link mailed to this address (the newest one). */
function linkFor(email: string): string {
	const mails = readdirSync(outbox)
		.sort()
		.reverse()
		.map((file) => readFileSync(path.join(outbox, file), 'utf8'))
	const mail = mails.find((text) => text.startsWith(`To: ${email}\n`))
	const link = mail?.match(/https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]+\?lng=\w+/)?.[0]
	if (!link) throw new Error(`No invitation mail for ${email}`)
	return new URL(link).pathname
}

/** Accepts an invitation over HTTP with a new account; returns the session cookie. */
async function acceptOverHttp(invitationPath: string, name: string): Promise<string> {
	const response = await fetch(`${baseUrl}${invitationPath}`, {
		method: 'POST',
		redirect: 'manual',
		headers: { Origin: baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ intent: 'create', displayName: name, password: 'a-long-enough-password' }),
	})
	expect(response.status).toBe(302)
	const cookie = response.headers.getSetCookie().find((header) => header.startsWith('qs='))
	if (!cookie) throw new Error('No session')
	return cookie.split(';')[0]!
}

/**
 * Hands in the course's quiz as a browser without JavaScript would (the first option of every
 * question): a respondent is someone with a submitted attempt (decision 015), right or wrong.
 */
async function takeQuiz(cookie: string) {
	const page = await (await fetch(`${baseUrl}/courses/sample-course/quiz?lng=en`, { headers: { Cookie: cookie } })).text()
	const token = page.match(/name="token" value="([^"]+)"/)?.[1]
	if (!token) throw new Error('No quiz form')
	const form = new URLSearchParams({ token: token.replace(/&amp;/g, '&') })
	for (const [, question, option] of page.matchAll(/name="(q-[^"]+)" value="([^"]+)"/g)) if (!form.has(question!)) form.set(question!, option!)
	const response = await fetch(`${baseUrl}/courses/sample-course/quiz`, {
		method: 'POST',
		redirect: 'manual',
		headers: { Cookie: cookie, Origin: baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
		body: form,
	})
	expect(response.status).toBe(302)
	expect(response.headers.get('Location')).toMatch(/\/quiz\/attempts\//)
}

async function finishCourse(cookie: string) {
	await finishLessons(cookie)
	await takeQuiz(cookie)
}

async function finishLessons(cookie: string) {
	for (const lesson of LESSONS) {
		const response = await fetch(`${baseUrl}/courses/sample-course/lessons/${lesson}`, {
			method: 'POST',
			redirect: 'manual',
			headers: { Cookie: cookie, Origin: baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ intent: 'complete' }),
		})
		expect(response.status).toBe(302)
	}
}

test('a workplace invites a report viewer and 30 staff; they finish; the viewer sees and downloads totals only', async () => {
	const tag = randomBytes(3).toString('hex')
	const owner = await (await browser.newContext()).newPage()
	// A page that hydrates with strings its bundles lack is re-rendered by React, and what was typed is lost.
	const pageErrors: string[] = []
	owner.on('pageerror', (error) => pageErrors.push(error.message))
	owner.on('console', (message) => {
		if (message.type() === 'error') pageErrors.push(message.text())
	})
	await owner.goto(`${baseUrl}/signup?lng=en`)
	await owner.getByLabel('Name to show').fill('Dana HR')
	await owner.getByLabel('Email or username').fill(`hr-${tag}`)
	await owner.getByLabel('Password').fill('a-long-password')
	await owner.getByRole('button', { name: 'Create account' }).click()
	await owner.locator('h1', { hasText: 'Your account' }).waitFor()

	// The workplace, its team, the course assigned, aggregate-only reports.
	await owner.goto(`${baseUrl}/orgs?lng=en`)
	await owner.getByLabel('Name of the school or organisation').fill(`Steppe Logistics ${tag}`)
	await owner.getByLabel('Workplace').check()
	await owner.getByRole('button', { name: 'Create' }).click()
	await owner.locator('h1', { hasText: `Steppe Logistics ${tag}` }).waitFor()
	const orgUrl = owner.url().split('?')[0]!
	expect(await owner.locator('main').innerText()).not.toMatch(/pupil|class|PIN/i)
	await owner.getByLabel('Name', { exact: true }).fill('Warehouse')
	await owner.getByRole('button', { name: 'Create' }).click()
	await owner.locator('h1', { hasText: 'Warehouse' }).waitFor()
	const teamUrl = owner.url().split('?')[0]!
	await owner.getByLabel('Sample course').check()
	await owner.getByRole('button', { name: 'Assign' }).click()
	await owner.getByRole('heading', { name: 'Sample course' }).waitFor()
	await owner.goto(`${orgUrl}/settings?lng=en`)
	await owner.getByLabel('Aggregate-only reports').check()
	await owner.getByRole('button', { name: 'Save' }).click()
	await owner.getByText('Settings saved.').waitFor()

	// A report viewer, invited by email.
	await owner.goto(`${orgUrl}/invitations?lng=en`)
	const viewerEmail = `viewer-${tag}@example.org`
	await owner.getByLabel('Name', { exact: true }).fill('Aliya Auditor')
	await owner.getByLabel('Email', { exact: true }).fill(viewerEmail)
	await owner.getByLabel('Role', { exact: true }).selectOption('viewer')
	await owner.getByRole('button', { name: 'Send the invitation' }).click()
	await owner.getByText('Invitation sent.').waitFor()

	// Thirty staff from a CSV, checked in a preview, then sent.
	const staff = Array.from({ length: 30 }, (_, i) => ({ name: `Staff Member ${i + 1}`, email: `staff-${i + 1}-${tag}@example.org` }))
	const csv = ['name;email;team', ...staff.map((person) => `${person.name};${person.email};Warehouse`)].join('\r\n')
	await owner.setInputFiles('#file', { name: 'staff.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
	await owner.getByRole('button', { name: 'Check the file' }).click()
	await owner.getByRole('button', { name: 'Send 30 invitations' }).click()
	await owner.getByText('30 invitations sent.').waitFor()
	expect(pageErrors).toEqual([])

	// One accepts in the browser; the others over HTTP; all finish the course.
	const first = await (await browser.newContext()).newPage()
	await first.goto(`${baseUrl}${linkFor(staff[0]!.email)}`)
	await first.getByText('You will join the team Warehouse.').waitFor()
	expect(await first.getByLabel('Name to show').inputValue()).toBe('Staff Member 1')
	await first.getByLabel('Password').fill('a-long-enough-password')
	await first.getByRole('button', { name: 'Create my account and accept' }).click()
	await first.getByText('You have accepted the invitation.').waitFor()
	const firstCookie = (await first.context().cookies()).find((cookie) => cookie.name === 'qs')!
	await finishCourse(`qs=${firstCookie.value}`)
	for (const person of staff.slice(1)) await finishCourse(await acceptOverHttp(linkFor(person.email), person.name))

	// Every link worked once: the first one no longer opens.
	expect((await fetch(`${baseUrl}${linkFor(staff[0]!.email)}`)).status).toBe(404)

	// The report viewer: totals only, no one's name, and the totals download.
	const viewerCookie = await acceptOverHttp(linkFor(viewerEmail), 'Aliya Auditor')
	const viewerContext = await browser.newContext()
	const [name, value] = viewerCookie.split('=') as [string, string]
	await viewerContext.addCookies([{ name, value, url: baseUrl }])
	const viewer = await viewerContext.newPage()
	await viewer.goto(`${teamUrl}?lng=en`)
	await viewer.getByText('This organisation shows group totals only').waitFor()
	const text = await viewer.locator('main').innerText()
	expect(text).toContain('Completed: 30')
	expect(text).not.toContain('Staff Member')
	expect(text).not.toMatch(/Join code|Assign a course/)
	const href = await viewer.getByRole('link', { name: 'Download these totals (CSV)' }).first().getAttribute('href')
	const download = await viewerContext.request.get(`${baseUrl}${href}`)
	expect(download.status()).toBe(200)
	const totals = await download.text()
	expect(totals).toMatch(/Completed[^\n]*30/)
	expect(totals).not.toContain('Staff Member')
	// Individual rows stay closed to the viewer.
	expect((await viewerContext.request.get(`${baseUrl}${href!.replace('table=totals', 'table=learners')}`)).status()).toBe(403)
	await viewerContext.close()
}, 180_000)
