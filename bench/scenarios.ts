// The scenarios, in the order they run. Each names what one request looks like (POSTs make a new
// attempt or completion every time) and how to tell, before the load, that it does what it says.
import type { Course } from '../app/courses/read.server.ts'
import { createAttemptToken, newSeed } from '../app/quiz/attempt-token.server.ts'
import { drawLayout } from '../app/quiz/draw.ts'
import type { BenchData } from './database.ts'
import type { RequestSpec } from './load.ts'

export type Scenario = {
	id: string
	label: string
	/** Which server it loads: the app, or the bare static server. */
	target: 'app' | 'static'
	/** Measured by a number of requests per connection rather than by time (see load.ts). */
	requestsPerConnection?: number
	next: () => RequestSpec
	/** What the single request before the load must show. */
	expect: { status: number; contains?: string; location?: RegExp; minCount?: { text: string; count: number } }
}

export type ScenarioContext = {
	data: BenchData
	origin: string
	lessonCourse: Course
	quizCourse: Course
	courses: Course[]
	/** What every request sends besides its own cookie: see browserHeaders. */
	browser: { encoding: string; languageCookie: string }
}

/**
 * The headers a browser sends with every request: its Accept-Encoding (`--encoding identity`
 * measures uncompressed answers), languages, user agent, and the language cookie a visitor has
 * once they chose a language, joined to the session cookie when signed in.
 */
function browserHeaders(browser: ScenarioContext['browser'], cookie?: string): Record<string, string> {
	return {
		'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
		Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
		'Accept-Language': 'kk-KZ,kk;q=0.9,ru;q=0.8,en;q=0.7',
		'Accept-Encoding': browser.encoding,
		Cookie: cookie ? `${browser.languageCookie}; ${cookie}` : browser.languageCookie,
	}
}

/** Round-robin over a list, so every connection's next request takes the next item. */
function cycle<T>(items: T[]): () => T {
	let index = 0
	return () => items[index++ % items.length]!
}

const FORM = 'application/x-www-form-urlencoded'
/** Quiz takers behind one school address. */
const CLASS_SIZE = 32

export function lessonPath(course: Course) {
	return `/courses/${course.slug}/lessons/${course.lessons[0]!.slug}`
}

export function buildScenarios({ data, origin, lessonCourse, quizCourse, courses, browser }: ScenarioContext): Scenario[] {
	const lesson = lessonPath(lessonCourse)
	const get =
		(path: string, cookie?: string, headers: Record<string, string> = {}) =>
		(): RequestSpec => ({ method: 'GET', path, headers: { ...browserHeaders(browser, cookie), ...headers } })
	const post = (path: string, cookie: string, body: string, headers: Record<string, string> = {}): RequestSpec => ({
		method: 'POST',
		path,
		// The security layer refuses posts whose Origin is not the site's own.
		headers: { ...browserHeaders(browser, cookie), Origin: origin, 'Content-Type': FORM, ...headers },
		body,
	})

	const quiz = quizCourse.quiz!
	// Many schools' pupils, not one machine: each class of takers comes from its school's address,
	// as the reverse proxy in front of the server (TRUST_PROXY=1, bench/run.ts) reports it. The
	// write limits then count per pupil and per school, as in a deployment (decision 010).
	const takers = cycle(data.quizTakers.map((cookie, index) => ({ cookie, address: `10.18.${Math.floor(index / CLASS_SIZE)}.1` })))
	const quizPost = (): RequestSpec => {
		const seed = newSeed()
		const layout = drawLayout(quiz, quizCourse.lessons.map((entry) => entry.slug), [], seed)
		const form = new URLSearchParams({ token: createAttemptToken({ purpose: 'quiz', course: quizCourse.slug, version: quizCourse.meta.version, seed, layout }) })
		// A complete answer sheet (the first option shown for each question): graded and stored.
		for (const entry of layout) form.append(`q-${entry.questionId}`, entry.options[0]!)
		const taker = takers()
		return post(`/courses/${quizCourse.slug}/quiz`, taker.cookie, form.toString(), { 'X-Forwarded-For': taker.address })
	}

	// Every (learner, lesson) pair once before any repeats: mostly new completions.
	const lessons = courses.flatMap((course) => course.lessons.map((entry) => `/courses/${course.slug}/lessons/${entry.slug}`))
	const completions = cycle(lessons.flatMap((path) => data.completers.map((cookie) => ({ path, cookie }))))
	const completionPost = (): RequestSpec => {
		const { path, cookie } = completions()
		return post(path, cookie, 'intent=complete')
	}

	const dashboard = (id: string, seeded: BenchData['seeded'], adminCookie: string): Scenario => ({
		id,
		label: `group dashboard (${seeded.learners.length} learners)`,
		target: 'app',
		next: get(`/orgs/${seeded.org.slug}/groups/${seeded.group.id}`, adminCookie),
		requestsPerConnection: 2,
		// The first page of the learner table (50 rows a page) and the totals over the whole group.
		expect: { status: 200, minCount: { text: '<th scope="row">', count: Math.min(50, seeded.learners.length) } },
	})
	return [
		{ id: 'floor', label: 'floor (/about, layout only)', target: 'app', next: get('/about'), expect: { status: 200, contains: '<h1>' } },
		...(browser.encoding === 'identity'
			? []
			: [
					{
						id: 'floor-identity',
						label: 'floor, uncompressed (Accept-Encoding: identity)',
						target: 'app',
						next: get('/about', undefined, { 'Accept-Encoding': 'identity' }),
						expect: { status: 200, contains: '<h1>' },
					} satisfies Scenario,
				]),
		{ id: 'static', label: 'static lesson HTML (bare node:http)', target: 'static', next: get('/'), expect: { status: 200, contains: '<h1>' } },
		{ id: 'lesson-guest', label: 'lesson page, guest', target: 'app', next: get(lesson), expect: { status: 200, contains: 'href="/login"' } },
		{ id: 'lesson-learner', label: 'lesson page, signed-in learner', target: 'app', next: get(lesson, data.readerCookie), expect: { status: 200, contains: 'href="/account"' } },
		{ id: 'catalog', label: 'course catalog', target: 'app', next: get('/courses'), expect: { status: 200, contains: `/courses/${quizCourse.slug}` } },
		// A fixed number of submissions, not a time: each is ~50–180 ms of CPU (grading, review
		// cards, summary, xAPI and LTI rows), so at 64 connections on a busy machine none may
		// finish within a short run and the scenario would have no figures.
		{ id: 'quiz-submit', label: 'quiz submission (POST)', target: 'app', next: quizPost, requestsPerConnection: 2, expect: { status: 302, location: /\/quiz\/attempts\// } },
		{ id: 'lesson-complete', label: 'lesson completion (POST)', target: 'app', next: completionPost, expect: { status: 302, location: /^\/courses\// } },
		dashboard('dashboard', data.seeded, data.adminCookie),
		...(data.large ? [dashboard('dashboard-large', data.large.seeded, data.large.adminCookie)] : []),
	]
}

/** One request of the scenario, checked: a scenario that does not do what it says is not measured. */
export async function checkScenario(scenario: Scenario, baseUrl: string): Promise<string | null> {
	const spec = scenario.next()
	const response = await fetch(`${baseUrl}${spec.path}`, { method: spec.method, headers: spec.headers, body: spec.body, redirect: 'manual' })
	const body = await response.text()
	const { expect } = scenario
	if (response.status !== expect.status) return `answered ${response.status}, expected ${expect.status}: ${body.slice(0, 300)}`
	if (expect.contains && !body.includes(expect.contains)) return `the page does not contain ${expect.contains}`
	if (expect.location && !expect.location.test(response.headers.get('Location') ?? '')) return `redirected to ${response.headers.get('Location')}`
	if (expect.minCount) {
		const count = body.split(expect.minCount.text).length - 1
		if (count < expect.minCount.count) return `shows ${count} of ${expect.minCount.count} rows`
	}
	return null
}
