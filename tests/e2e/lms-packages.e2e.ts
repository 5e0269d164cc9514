// A Qorgau course inside an LMS (decision 022): the demo school's teacher downloads the SCORM 1.2
// and cmi5 packages; a test LMS on another origin runs them, SCORM in scorm-again's SCORM 1.2
// runtime, cmi5 with its own fetch URL and LRS; a learner opens the course from there, passes
// the quiz in Qorgau, and the runtime sees "passed" and the score, the LRS the cmi5 statements.
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { unzipSync, strFromU8 } from 'fflate'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { answerSampleQuizRight, browserForFile } from './browser.ts'

const baseUrl = inject('baseUrl')
const scormAgain = readFileSync(createRequire(import.meta.url).resolve('scorm-again/scorm12/min'), 'utf8')
const browser = browserForFile({ visitorAddresses: false })
let lms: Server
let lmsUrl: string
const packages: Record<string, Record<string, Uint8Array>> = {}
type Cmi5Statement = {
	verb: { id: string }
	actor: unknown
	object: { id: string }
	context: { registration: string; extensions: Record<string, string>; contextActivities: { category: { id: string }[] } }
	result?: Record<string, unknown>
}
/** What the page sees of scorm-again's SCORM 1.2 API. */
type ScormWindow = { API: { LMSGetValue: (element: string) => string; isTerminated: () => boolean } }
const lrs = { statements: [] as Cmi5Statement[], authorizations: [] as string[] }

// The package speaks the organisation's language: the demo school's is Kazakh.
const OPEN = 'Курсты Qorgau-да ашу'
const PASSED = 'Тест тапсырылды: 100 %. Нәтижеңіз сақталды.'

const LAUNCH_DATA = {
	contextTemplate: { extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 'session-1' } },
	launchMode: 'Normal',
	masteryScore: 0.75,
	moveOn: 'CompletedAndPassed',
}

/** The test LMS: a page hosting scorm-again's SCORM 1.2 API, the unzipped packages, a cmi5 fetch URL and LRS. */
function startLms(): Promise<void> {
	lms = createServer((req, res) => {
		const url = new URL(req.url!, 'http://lms')
		let body = ''
		req.on('data', (chunk: Buffer) => (body += chunk.toString()))
		req.on('end', () => {
			const send = (type: string, content: string | Uint8Array, status = 200) => res.writeHead(status, { 'Content-Type': type }).end(content)
			if (url.pathname === '/scorm12.js') return send('text/javascript', scormAgain)
			if (url.pathname === '/scorm-course') {
				return send(
					'text/html',
					`<!DOCTYPE html><html lang="en"><head><title>LMS</title><script src="/scorm12.js"></script><script>window.API = new Scorm12API({ autocommit: false, logLevel: 5 })</script></head>` +
						`<body><iframe title="Course" src="/package/scorm-1.2/index.html" style="width:100%;height:30rem"></iframe></body></html>`,
				)
			}
			const file = /^\/package\/(scorm-1\.2|cmi5)\/(.+)$/.exec(url.pathname)
			if (file && packages[file[1]!]?.[file[2]!]) return send('text/html; charset=utf-8', packages[file[1]!]![file[2]!]!)
			if (url.pathname === '/cmi5/fetch' && req.method === 'POST') return send('application/json', JSON.stringify({ 'auth-token': 'lms-token-1' }))
			if (url.pathname === '/cmi5/xapi/activities/state' && url.searchParams.get('stateId') === 'LMS.LaunchData') return send('application/json', JSON.stringify(LAUNCH_DATA))
			if (url.pathname === '/cmi5/xapi/statements' && req.method === 'POST') {
				lrs.authorizations.push(req.headers.authorization ?? '')
				lrs.statements.push(JSON.parse(body) as Cmi5Statement)
				return send('application/json', '[]')
			}
			send('text/plain', 'not found', 404)
		})
	})
	return new Promise((resolve) =>
		lms.listen(0, '127.0.0.1', () => {
			lmsUrl = `http://127.0.0.1:${(lms.address() as AddressInfo).port}`
			resolve()
		}),
	)
}

beforeAll(startLms)
afterAll(async () => {
	await new Promise((resolve) => lms?.close(resolve))
})

/** Waits for the package page to have its launch (the link turns on), then follows it. */
async function openInQorgau(context: BrowserContext, frame: Pick<Page, 'getByRole' | 'locator'>): Promise<Page> {
	const link = frame.getByRole('link', { name: OPEN })
	await frame.locator('#open:not([aria-disabled])').waitFor()
	const [qorgau] = await Promise.all([context.waitForEvent('page'), link.click()])
	await qorgau.waitForLoadState()
	return qorgau
}

/**
 * Waits for the package page to say the quiz is passed; when it does not, the failure says what
 * the page said instead (it polls every 3 s, backing off to 9 s after failures in a row).
 */
async function waitForPassed(frame: Pick<Page, 'getByText' | 'locator'>) {
	try {
		await frame.getByText(PASSED).waitFor({ timeout: 30_000 })
	} catch (error) {
		const said = await frame.locator('#status').textContent().catch(() => '(no status)')
		throw new Error(`The package page said “${said}”, not “${PASSED}”; the LRS had ${lrs.statements.length} statement(s)`, { cause: error })
	}
}

test('the teacher downloads both packages; neither holds a question or an answer', async () => {
	const context = await browser().newContext()
	const page = await context.newPage()
	await page.goto(`${baseUrl}/login?lng=en&redirectTo=${encodeURIComponent('/orgs/demo-school/export?lng=en')}`)
	await page.locator('html.quick-exit-ready').waitFor({ state: 'attached' })
	await page.locator('#account-login input[name="login"]').fill('teacher@example.org')
	await page.locator('#account-login input[name="password"]').fill('demo-teacher-password')
	await page.locator('#account-login button[type="submit"]').click()
	await page.waitForURL(/\/orgs\/demo-school\/export/)
	for (const format of ['scorm-1.2', 'cmi5']) {
		const link = page.getByRole('link', { name: `Download “Sample course” as ${format === 'cmi5' ? 'cmi5' : 'SCORM 1.2'}` })
		const response = await context.request.get(new URL((await link.getAttribute('href'))!, baseUrl).toString())
		expect(response.status()).toBe(200)
		expect(response.headers()['content-type']).toBe('application/zip')
		packages[format] = unzipSync(new Uint8Array(await response.body()))
	}
	expect(Object.keys(packages['scorm-1.2']!).sort()).toEqual(['imsmanifest.xml', 'index.html'])
	expect(Object.keys(packages.cmi5!).sort()).toEqual(['cmi5.xml', 'index.html'])
	expect(strFromU8(packages['scorm-1.2']!['imsmanifest.xml']!)).toContain('<adlcp:masteryscore>75</adlcp:masteryscore>')
	expect(strFromU8(packages.cmi5!['cmi5.xml']!)).toContain('moveOn="CompletedAndPassed" masteryScore="0.75"')
	for (const files of Object.values(packages)) {
		const everything = Object.values(files).map((file) => strFromU8(file)).join('\n')
		for (const text of ['Call the police', 'Threats and humiliation', 'call-for-help', 'correct']) expect(everything).not.toContain(text)
	}
	await context.close()
})

test('SCORM 1.2 in scorm-again: passing the quiz in Qorgau sets lesson_status passed and the score', async () => {
	const context = await browser().newContext()
	const lmsPage = await context.newPage()
	await lmsPage.goto(`${lmsUrl}/scorm-course`)
	const frame = lmsPage.frameLocator('iframe')
	const qorgau = await openInQorgau(context, frame)
	await qorgau.getByRole('button', { name: /Start the course|Курсты бастау|Начать курс/ }).click()
	await qorgau.waitForURL(/\/courses\/sample-course$/)
	expect(await lmsPage.evaluate(() => (window as unknown as ScormWindow).API.LMSGetValue('cmi.core.lesson_status'))).toBe('incomplete')

	for (const lesson of ['first-lesson', 'second-lesson', 'third-lesson']) {
		await qorgau.goto(`${baseUrl}/courses/sample-course/lessons/${lesson}?lng=en`)
		await qorgau.getByRole('button', { name: /^Complete/ }).click()
		await qorgau.waitForURL((url) => !url.pathname.endsWith(`/${lesson}`))
	}
	await qorgau.locator('h1', { hasText: 'Final quiz' }).waitFor()
	await answerSampleQuizRight(qorgau)
	await qorgau.getByRole('button', { name: 'Submit answers' }).click()
	await qorgau.getByRole('heading', { name: 'Your result' }).waitFor()
	// The learner goes back to the LMS tab: the package asks for the result at once.
	await lmsPage.bringToFront()

	await lmsPage.waitForFunction(() => (window as unknown as ScormWindow).API.LMSGetValue('cmi.core.lesson_status') === 'passed', null, { timeout: 20_000 })
	expect(await lmsPage.evaluate(() => (window as unknown as ScormWindow).API.LMSGetValue('cmi.core.score.raw'))).toBe('100')
	await waitForPassed(frame)
	// The page finished its session: LMSFinish was called once the result was in.
	expect(await lmsPage.evaluate(() => (window as unknown as ScormWindow).API.isTerminated())).toBe(true)

	// Another learner cannot take over this launch: the link is bound to the first.
	const other = await browser().newContext()
	const stranger = await other.newPage()
	const response = await stranger.goto(qorgau.url().replace(/\/courses\/.*$/, '') + new URL(await frame.getByRole('link', { name: OPEN }).getAttribute('href') ?? '').pathname)
	expect(response?.status()).toBe(403)
	await other.close()
	await context.close()
})

test('cmi5: the package fetches its token and sends initialized, completed, passed and terminated to the LMS', async () => {
	const context = await browser().newContext()
	const page = await context.newPage()
	const actor = { objectType: 'Agent', account: { homePage: lmsUrl, name: 'learner-7' } }
	const registration = '5c4f6e2a-1b3d-4e5f-8a9b-0c1d2e3f4a5b'
	const activityId = `${baseUrl}/courses/sample-course/au`
	const query = new URLSearchParams({ endpoint: `${lmsUrl}/cmi5/xapi/`, fetch: `${lmsUrl}/cmi5/fetch`, actor: JSON.stringify(actor), registration, activityId })
	await page.goto(`${lmsUrl}/package/cmi5/index.html?${query}`)
	const qorgau = await openInQorgau(context, page)
	await qorgau.getByRole('button', { name: /Start the course|Курсты бастау|Начать курс/ }).click()
	for (const lesson of ['first-lesson', 'second-lesson', 'third-lesson']) {
		await qorgau.goto(`${baseUrl}/courses/sample-course/lessons/${lesson}?lng=en`)
		await qorgau.getByRole('button', { name: /^Complete/ }).click()
		await qorgau.waitForURL((url) => !url.pathname.endsWith(`/${lesson}`))
	}
	await qorgau.locator('h1', { hasText: 'Final quiz' }).waitFor()
	await answerSampleQuizRight(qorgau)
	await qorgau.getByRole('button', { name: 'Submit answers' }).click()
	await qorgau.getByRole('heading', { name: 'Your result' }).waitFor()
	await page.bringToFront()
	await waitForPassed(page)
	await expect.poll(() => lrs.statements.length, { timeout: 10_000 }).toBe(4)

	const verbs = lrs.statements.map((statement) => statement.verb.id.split('/').at(-1))
	expect(verbs).toEqual(['initialized', 'completed', 'passed', 'terminated'])
	expect(new Set(lrs.authorizations)).toEqual(new Set(['Basic lms-token-1']))
	for (const statement of lrs.statements) {
		expect(statement.actor).toEqual(actor)
		expect(statement.object.id).toBe(activityId)
		expect(statement.context.registration).toBe(registration)
		expect(statement.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/sessionid']).toBe('session-1')
		expect(statement.context.contextActivities.category).toContainEqual({ id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' })
	}
	const passed = lrs.statements[2]!
	expect(passed.result).toMatchObject({ score: { scaled: 1 }, success: true, duration: expect.stringMatching(/^PT/) })
	expect(passed.context.contextActivities.category).toContainEqual({ id: 'https://w3id.org/xapi/cmi5/context/categories/moveon' })
	await context.close()
})
