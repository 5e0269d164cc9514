import AxeBuilder from '@axe-core/playwright'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'

import { CHROMIUM_PATH } from './chromium-path.ts'

let visitors = 0

/**
 * Debian's Chromium, headless, with nothing that reaches for the network. Each of its contexts is
 * another visitor with an address of its own (the e2e server trusts X-Forwarded-For), so the
 * per-address limits (10 sign-ups in 15 minutes) count people, as in a school, not the suite.
 * `visitorAddresses: false` for pages that call another origin: the header would make each of
 * their cross-origin requests a preflighted one.
 */
async function launchBrowser({ visitorAddresses = true } = {}): Promise<Browser> {
	const browser = await chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	})
	if (!visitorAddresses) return browser
	const newContext = browser.newContext.bind(browser)
	browser.newContext = (options = {}) => {
		visitors++
		const address = `10.${process.pid % 250}.${Math.floor(visitors / 250) % 250}.${(visitors % 250) + 1}`
		return newContext({ ...options, extraHTTPHeaders: { 'X-Forwarded-For': address, ...options.extraHTTPHeaders } })
	}
	return browser
}

/** The test file's browser: launched before its tests, closed after them. Call it at the top level. */
export function browserForFile(options: { visitorAddresses?: boolean } = {}): () => Browser {
	let browser: Browser | undefined
	beforeAll(async () => {
		browser = await launchBrowser(options)
	})
	afterAll(() => browser?.close())
	return () => {
		if (!browser) throw new Error('browserForFile(): the browser is launched in beforeAll')
		return browser
	}
}

/** Fails with the list of WCAG 2.2 A/AA violations axe finds on the page. */
export async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
	expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([])
}

// The server's default QUICK_EXIT_URL; the browser is offline, so a context answers it itself.
export const NEUTRAL_SITE = 'https://www.gismeteo.kz/'

export async function answerNeutralSite(context: BrowserContext) {
	await context.route(`${NEUTRAL_SITE}**`, (route) => route.fulfill({ contentType: 'text/html', body: '<title>Weather</title><p>Sunny</p>' }))
}

/** Answers a quiz question by its prompt, choosing options by their visible text. */
export async function answer(page: Page, prompt: string, ...options: string[]) {
	const group = page.getByRole('group', { name: new RegExp(prompt) })
	for (const option of options) await group.getByLabel(option, { exact: true }).check()
}

/** The right answers to the fixture course's quiz (tests/fixtures/courses/sample-course). */
export async function answerSampleQuizRight(page: Page) {
	await answer(page, 'What is the safest next step', 'Call the police')
	await answer(page, 'Which of these can be violence', "Taking someone's salary card", 'Threats and humiliation')
	await answer(page, 'never the victim', 'True')
	await answer(page, 'Leaving a violent relationship', 'Often hard and sometimes dangerous')
}
