// Reading and answering without a connection (decision 018), in Chromium with the real service
// worker. "Offline" is both halves of a lost signal: the browser says it is offline
// (context.setOffline) and the server cannot be reached (it is killed, then started again on the
// same address), because Chromium lets a service worker's own requests past setOffline.
import { mkdtempSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { answer, answerNeutralSite, answerSampleQuizRight, browserForFile, expectNoAxeViolations, NEUTRAL_SITE } from './browser.ts'
import en from '../../app/locales/en/learning.json'
import { ROOT } from '../setup/paths.ts'
import { TMP_DIR } from '../setup/tmp.ts'
import { startServer, type RunningServer } from '../setup/server.ts'

const LESSON = '/courses/sample-course/lessons/first-lesson'
const QUIZ = '/courses/sample-course/quiz'
const COPIES = 'qorgau-copies-v1'

const DAY_MS = 24 * 60 * 60 * 1000
const browser = browserForFile()
let server: RunningServer
let env: Record<string, string>
let databaseFile: string
let port: string
const url = (pathname: string) => `http://127.0.0.1:${port}${pathname}`

beforeAll(async () => {
	databaseFile = path.join(mkdtempSync(path.join(TMP_DIR, 'e2e-offline-')), 'qorgau.db')
	env = { DATABASE_URL: `file:${databaseFile}`, COURSES_DIR: path.join(ROOT, 'tests/fixtures/courses') }
	server = await startServer(env)
	port = new URL(server.url).port
})
afterAll(async () => {
	await server?.stop()
})

async function goOffline(context: BrowserContext) {
	await context.setOffline(true)
	await server.kill()
}

/**
 * The worker has told the page it is a kept copy (public/offline.js), so its forms go as posts the
 * worker can queue. Chromium 150's offline emulation leaves navigator.onLine true, as a network
 * that reaches nothing does; a person takes longer than this to answer.
 */
async function servedFromCopy(page: Page) {
	await page.locator('html[data-offline-state="copy"]').waitFor({ state: 'attached' })
}

async function goOnline(context: BrowserContext) {
	server = await startServer({ ...env, PORT: port })
	await context.setOffline(false)
}

const keptPaths = (page: Page) =>
	page.evaluate(async (name: string) => (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname), COPIES)

/** Waits until the service worker has kept the page's copy (it does so after the page loaded). */
async function waitUntilKept(page: Page, pathname: string) {
	for (let tries = 0; tries < 200; tries++) {
		if ((await keptPaths(page).catch((): string[] => [])).includes(pathname)) return
		await page.waitForTimeout(100)
	}
	throw new Error(`${pathname} was never kept`)
}

function count(sql: string): number {
	const db = new Database(databaseFile, { readonly: true })
	try {
		return (db.prepare(sql).get() as { n: number }).n
	} finally {
		db.close()
	}
}

describe('reading offline', () => {
	test('a lesson read online opens offline; a page never opened says it is not saved; personal pages are never kept', async () => {
		const context = await browser().newContext()
		await answerNeutralSite(context)
		const page = await context.newPage()
		await page.goto(url(`${LESSON}?lng=en`))
		await waitUntilKept(page, LESSON)
		await page.goto(url('/account'))
		await page.goto(url('/?lng=en'))
		const copy = await page.evaluate(async ([name, lesson]) => {
			const response = await (await caches.open(name)).match(lesson!, { ignoreVary: true })
			return { cacheControl: response!.headers.get('Cache-Control'), html: await response!.text() }
		}, [COPIES, LESSON] as const)
		expect(copy.cacheControl).toBe('private, no-cache')
		expect(copy.html).toContain('First lesson')
		const kept = await keptPaths(page)
		expect(kept).toContain(LESSON)
		for (const personal of ['/', '/account', '/login', '/review']) expect(kept).not.toContain(personal)

		await goOffline(context)
		await page.goto(url(`${LESSON}?lng=en`))
		await page.getByRole('heading', { level: 1, name: 'First lesson' }).waitFor()
		await expectNoAxeViolations(page)
		await page.goto(url('/courses/sample-course/lessons/third-lesson'))
		await page.getByRole('heading', { level: 1, name: 'You are offline' }).waitFor()

		// Quick exit still leaves at once, to the neutral site, replacing this page in history.
		await page.goto(url(`${LESSON}?lng=en`))
		await page.getByRole('link', { name: 'Exit now' }).click()
		await page.waitForURL(NEUTRAL_SITE)
		await goOnline(context)
		await context.close()
	})
})

describe('keeping a whole course', () => {
	test('"Keep this course on this phone" keeps its lessons: one never opened reads offline', async () => {
		const context = await browser().newContext()
		const page = await context.newPage()
		await page.goto(url('/courses/sample-course?lng=en'))
		// The control is shown by the page script once a service worker runs.
		const keep = page.getByRole('button', { name: en.offline.saveCourse })
		await keep.waitFor()
		await page.evaluate(() => navigator.serviceWorker.ready)
		await keep.click()
		await page.getByText(en.offline.savedCourse).waitFor()
		expect(await keptPaths(page)).toContain('/courses/sample-course/lessons/third-lesson')

		await goOffline(context)
		await page.goto(url('/courses/sample-course/lessons/third-lesson'))
		await page.getByRole('heading', { level: 1, name: 'Third lesson' }).waitFor()
		await page.getByText('Marker-en-third').waitFor()
		await goOnline(context)
		await context.close()
	})
})

/** A learner who read the lessons online, then answered the kept quiz offline and handed it in. */
async function quizAnsweredOffline() {
	const context = await browser().newContext()
	const page = await context.newPage()
	for (const lesson of ['first-lesson', 'second-lesson', 'third-lesson']) {
		await page.goto(url(`/courses/sample-course/lessons/${lesson}?lng=en`))
		await page.getByRole('button', { name: /^Complete/ }).click()
		await page.waitForURL((address) => !address.pathname.endsWith(`/${lesson}`))
	}
	await page.goto(url(`${QUIZ}?lng=en`))
	await waitUntilKept(page, QUIZ)
	await waitUntilKept(page, '/offline/saved')
	await goOffline(context)
	await page.goto(url(`${QUIZ}?lng=en`))
	await servedFromCopy(page)
	await answerSampleQuizRight(page)
	await page.getByRole('button', { name: 'Submit answers' }).click()
	return { context, page }
}

describe('answering offline', () => {
	test('a quiz answered offline is kept, then graded once on the server after reconnecting', async () => {
		const { context, page } = await quizAnsweredOffline()
		await page.getByRole('heading', { name: 'Saved: will be checked when you are online' }).waitFor()
		expect(count('SELECT count(*) AS n FROM QuizAttempt')).toBe(0)

		await goOnline(context)
		await page.getByRole('link', { name: 'Sent and checked: continue' }).click()
		await page.getByRole('heading', { level: 1, name: 'Your result' }).waitFor()
		await page.getByText('4 of 4').first().waitFor()
		// Another load sends the queue again if anything were left: nothing is.
		await page.goto(url('/?lng=en'))
		expect(count('SELECT count(*) AS n FROM QuizAttempt')).toBe(1)
		expect(count('SELECT count(*) AS n FROM OfflineSubmission')).toBe(1)
		await context.close()
	})

	test('a queued answer the server refuses is not sent again, and the learner is told to answer again online', async () => {
		const { context, page } = await quizAnsweredOffline()
		await page.getByRole('heading', { name: en.offline.savedHeading }).waitFor()
		const [attempts, replays] = [count('SELECT count(*) AS n FROM QuizAttempt'), count('SELECT count(*) AS n FROM OfflineSubmission')]

		// Meanwhile the same learner handed the quiz in elsewhere (straight to the server, past the
		// worker): the queued form was drawn before that attempt, so the server refuses it as out of date.
		server = await startServer({ ...env, PORT: port })
		const html = await (await context.request.get(url(`${QUIZ}?lng=en`))).text()
		const token = /name="token" value="([^"]+)"/.exec(html)![1]!
		const form = new URLSearchParams([['token', token], ['q-call-for-help', 'call'], ['q-forms', 'money'], ['q-forms', 'shouting'], ['q-never-fault', 'true'], ['q-leaving', 'hard']])
		const elsewhere = await context.request.post(url(`${QUIZ}?lng=en`), {
			data: form.toString(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			maxRedirects: 0,
		})
		expect(elsewhere.status()).toBe(302)
		expect(count('SELECT count(*) AS n FROM QuizAttempt')).toBe(attempts + 1)

		await context.setOffline(false)
		const told = page.getByRole('link', { name: en.offline.refused })
		await told.waitFor()
		expect(new URL(await told.evaluate((link) => (link as HTMLAnchorElement).href)).pathname).toBe(QUIZ)
		expect(count('SELECT count(*) AS n FROM QuizAttempt')).toBe(attempts + 1)
		expect(count('SELECT count(*) AS n FROM OfflineSubmission')).toBe(replays)
		// Told once, then forgotten: the queue is empty, and another load sends nothing.
		const queue = () =>
			page.evaluate(
				() =>
					new Promise<number>((resolve) => {
						const opening = indexedDB.open('qorgau-offline', 1)
						opening.onsuccess = () => {
							const request = opening.result.transaction('queue', 'readonly').objectStore('queue').count()
							request.onsuccess = () => resolve(request.result)
						}
					}),
			)
		for (let tries = 0; tries < 50 && (await queue()) > 0; tries++) await page.waitForTimeout(100)
		expect(await queue()).toBe(0)
		await page.goto(url('/?lng=en'))
		expect(count('SELECT count(*) AS n FROM QuizAttempt')).toBe(attempts + 1)
		await context.close()
	})

	test('a lesson completed offline is sent when the phone is online', async () => {
		const context = await browser().newContext()
		const page = await context.newPage()
		await page.goto(url('/courses/sample-course/lessons/second-lesson?lng=en'))
		await waitUntilKept(page, '/courses/sample-course/lessons/second-lesson')
		await waitUntilKept(page, '/offline/saved')
		const before = count('SELECT count(*) AS n FROM LessonProgress')
		await goOffline(context)
		await page.goto(url('/courses/sample-course/lessons/second-lesson?lng=en'))
		await servedFromCopy(page)
		await page.getByRole('button', { name: /^Complete/ }).click()
		await page.getByRole('heading', { name: 'Saved: will be checked when you are online' }).waitFor()
		await goOnline(context)
		await page.getByRole('link', { name: 'Sent and checked: continue' }).waitFor()
		expect(count('SELECT count(*) AS n FROM LessonProgress')).toBe(before + 1)
		await context.close()
	})
})

describe('safety', () => {
	test('/safety removes the offline copies and the queue in one step', async () => {
		const context = await browser().newContext()
		const page = await context.newPage()
		await page.goto(url(`${LESSON}?lng=en`))
		await waitUntilKept(page, LESSON)
		await page.goto(url('/safety?lng=en'))
		await page.getByRole('button', { name: 'Remove the offline copies and unsent answers' }).click()
		await page.getByText('Removed: this browser no longer keeps lessons or answers from this site.').waitFor()
		// The browser acts on Clear-Site-Data in the background: give it a moment.
		const left = () =>
			page.evaluate(async () => ({
				caches: await caches.keys(),
				workers: (await navigator.serviceWorker.getRegistrations()).length,
				databases: (await indexedDB.databases()).map((db) => db.name),
			}))
		for (let tries = 0; tries < 60 && JSON.stringify(await left()) !== JSON.stringify({ caches: [], workers: 0, databases: [] }); tries++) await page.waitForTimeout(100)
		expect(await left()).toEqual({ caches: [], workers: 0, databases: [] })
		await context.close()
	})

	test('in discreet mode the app is installed as "Learning" with a neutral icon', async () => {
		const context = await browser().newContext()
		const page = await context.newPage()
		const manifest = () => page.evaluate(async () => (await fetch('/manifest.webmanifest', { credentials: 'include' })).json() as Promise<{ name: string; icons: { src: string }[] }>)
		await page.goto(url('/safety?lng=en'))
		expect((await manifest()).name).toBe('Qorgau')
		await page.getByRole('button', { name: 'Turn discreet mode on' }).click()
		await page.getByText('Discreet mode is on on this device.').waitFor()
		const discreet = await manifest()
		expect(discreet.name).toBe('Learning')
		expect(discreet.icons.every((icon) => icon.src.startsWith('/icons/learning'))).toBe(true)
		expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/icons/learning.svg')
		await context.close()
	})
})

describe('spaced review without JavaScript', () => {
	test('a missed question comes back as a review, is graded, and the home page reminds without naming the course', async () => {
		const context = await browser().newContext({ javaScriptEnabled: false })
		const page = await context.newPage()
		for (const lesson of ['first-lesson', 'second-lesson', 'third-lesson']) {
			await page.goto(url(`/courses/sample-course/lessons/${lesson}?lng=en`))
			await page.getByRole('button', { name: /^Complete/ }).click()
			await page.waitForURL((address) => !address.pathname.endsWith(`/${lesson}`))
		}
		await page.goto(url(`${QUIZ}?lng=en`))
		await answerSampleQuizRight(page)
		await answer(page, 'Which of these can be violence', "Taking someone's salary card")
		await page.getByLabel('Threats and humiliation', { exact: true }).uncheck()
		await page.getByRole('button', { name: 'Submit answers' }).click()
		await page.getByRole('heading', { level: 1, name: 'Your result' }).waitFor()
		await page.goto(url('/review?lng=en'))
		await page.getByText('Nothing to review right now.').waitFor()

		// Until the card is due: this learner's card (earlier tests' learners have 'forms' cards too;
		// this one's were written last), its dates moved back together as if that time had passed.
		// The adapter stores dates as ISO 8601 text: they are moved here, not by SQLite arithmetic,
		// which would turn the text into a number.
		const db = new Database(databaseFile)
		const mine = "learnerId = (SELECT learnerId FROM ReviewCard ORDER BY rowid DESC LIMIT 1) AND questionId = 'forms'"
		const before = db.prepare(`SELECT due, lastReview FROM ReviewCard WHERE ${mine}`).get() as { due: string; lastReview: string | null }
		const shift = new Date(before.due).getTime() - Date.now() + 60_000
		const moved = (stored: string | null) => (stored === null ? null : new Date(new Date(stored).getTime() - shift).toISOString().replace('Z', '+00:00'))
		db.prepare(`UPDATE ReviewCard SET due = ?, lastReview = ? WHERE ${mine}`).run(moved(before.due), moved(before.lastReview))
		db.close()
		await page.goto(url('/?lng=en'))
		await page.getByText('1 question to review: about two minutes.').waitFor()
		expect(await page.locator('.review-due').innerText()).not.toMatch(/Sample|course/i)
		await page.getByRole('link', { name: 'Start the review' }).click()
		await page.getByRole('heading', { level: 1, name: 'Two-minute review' }).waitFor()
		await answer(page, 'Which of these can be violence', "Taking someone's salary card", 'Threats and humiliation')
		await page.getByRole('button', { name: 'Check my answers' }).click()
		await page.getByRole('heading', { level: 1, name: 'Review checked' }).waitFor()
		await page.getByText(en.review.resultScore.replace('{{right}}', '1').replace('{{total}}', '1')).waitFor()

		// The schedule moved with the answer: a right answer puts the card at least a day out, so
		// nothing is due now and the home page is quiet.
		const reviewed = new Database(databaseFile, { readonly: true })
		const card = reviewed.prepare(`SELECT due FROM ReviewCard WHERE ${mine}`).get() as { due: string }
		reviewed.close()
		expect(new Date(card.due).getTime()).toBeGreaterThanOrEqual(Date.now() + DAY_MS - 60_000)
		await page.goto(url('/review?lng=en'))
		await page.getByText(en.review.nothingDue).waitFor()
		await page.goto(url('/?lng=en'))
		expect(await page.locator('.review-due').count()).toBe(0)
		expect(await page.getByText(en.review.reminderLink).count()).toBe(0)
		await context.close()
	})
})
