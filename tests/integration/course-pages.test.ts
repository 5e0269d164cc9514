import { describe, expect, test } from 'vitest'
import { renderedLessonBody } from '~/components/lesson/lesson-body.server.tsx'
import { lessonCodeStats, warmUpLessons } from '~/courses/lesson-code.server.ts'
import { prisma } from '~/utils/db.server.ts'
import * as catalogRoute from '~/routes/courses._index.tsx'
import * as courseRoute from '~/routes/courses.$course._index.tsx'
import * as lessonRoute from '~/routes/courses.$course.lessons.$lesson.tsx'
import * as homeRoute from '~/routes/_index.tsx'
import { asLearner, cookieFrom, get, post, thrown } from '../setup/requests.ts'

const LESSON = '/courses/sample-course/lessons/first-lesson'
const params = (lesson: string, course = 'sample-course') => ({ course, lesson })

async function complete(lesson: string, headers: Record<string, string> = {}, course = 'sample-course') {
	return (await lessonRoute.action({
		request: post(`/courses/${course}/lessons/${lesson}`, { intent: 'complete' }, headers),
		params: params(lesson, course),
		context: {},
	})) as Response
}

describe('catalog', () => {
	test('lists the courses in the reader’s language, without compiled code', async () => {
		const page = await catalogRoute.loader({ request: get('/courses?lng=ru'), params: {}, context: {} })
		expect(page.courses.map((course) => [course.slug, course.title])).toEqual([
			['partial-languages', 'Курс без английского'],
			['sample-course', 'Пример курса'],
			['test-pool-course', 'Pooled course'],
		])
		expect(JSON.stringify(page)).not.toMatch(/Marker-|function|jsx/)
	})

	test.each([
		['/courses?audience=school', ['partial-languages']],
		['/courses?audience=workplace', ['sample-course', 'test-pool-course']],
		['/courses?language=en', ['sample-course', 'test-pool-course']],
		['/courses?audience=school&language=en', []],
		['/courses?audience=aliens&language=xx', ['partial-languages', 'sample-course', 'test-pool-course']],
	])('%s filters by audience and language (unknown values ignored)', async (url, slugs) => {
		const page = await catalogRoute.loader({ request: get(url), params: {}, context: {} })
		expect(page.courses.map((course) => course.slug)).toEqual(slugs)
	})
})

describe('course page', () => {
	test('an unknown course is a 404', async () => {
		expect((await thrown(courseRoute.loader({ request: get('/courses/nope'), params: { course: 'nope' }, context: {} }))).status).toBe(404)
	})

	test('shows lessons with their status, the next step, sources and the review note', async () => {
		const first = await complete('first-lesson')
		const page = await courseRoute.loader({ request: get('/courses/sample-course?lng=kk', cookieFrom(first)), params: { course: 'sample-course' }, context: {} })
		expect(page.lessons.map((lesson) => [lesson.title, lesson.done])).toEqual([
			['Бірінші сабақ', true],
			['Екінші сабақ', false],
			['Үшінші сабақ', false],
		])
		expect(page.progress).toMatchObject({ done: 1, total: 3, nextLesson: 'second-lesson' })
		expect(page.underReview).toBe(true)
		expect(page.sources.map((source) => source.id)).toEqual(['egov', 'adilet'])
		const english = await courseRoute.loader({ request: get('/courses/sample-course?lng=en'), params: { course: 'sample-course' }, context: {} })
		expect(english).toMatchObject({ underReview: false, lastReviewed: '2026-11-25', fallbackFrom: null })
	})
})

describe('lesson page', () => {
	test('renders the lesson in the chosen language with its position and neighbours', async () => {
		const page = await lessonRoute.loader({ request: get(`${LESSON}?lng=ru`), params: params('first-lesson'), context: {} })
		expect(page.lesson).toMatchObject({ title: 'Первый урок', number: 1, locale: 'ru', done: false })
		expect(page).toMatchObject({ total: 3, previous: null, next: 'second-lesson', fallbackFrom: null })
		expect(renderedLessonBody(page.bodyId)).toContain('Marker-ru-first')
		expect(JSON.stringify(page)).not.toContain('Marker-ru-first')
		expect(page.sources).toEqual([{ id: 'adilet', number: 2, title: expect.any(String), original: null, originalLang: null, url: 'https://adilet.zan.kz' }])
	})

	test('a language the course lacks shows an available one with a notice, never a 404', async () => {
		const page = await lessonRoute.loader({
			request: get('/courses/partial-languages/lessons/only-lesson?lng=en'),
			params: params('only-lesson', 'partial-languages'),
			context: {},
		})
		expect(page.lesson.locale).toBe('kk')
		expect(page.fallbackFrom).toBe('en')
		expect(renderedLessonBody(page.bodyId)).toContain('Marker-kk-only')
	})

	test('an unknown lesson, or a lesson of another course, is a 404', async () => {
		for (const [course, lesson] of [
			['sample-course', 'nope'],
			['sample-course', 'only-lesson'],
			['nope', 'first-lesson'],
		] as const) {
			const request = get(`/courses/${course}/lessons/${lesson}`)
			expect((await thrown(lessonRoute.loader({ request, params: params(lesson, course), context: {} }))).status).toBe(404)
		}
	})

	test('after warm-up the loader compiles nothing and makes at most two queries', async () => {
		await warmUpLessons()
		const first = await complete('first-lesson')
		const compiles = lessonCodeStats.compiles
		let queries = 0
		;(prisma as unknown as { $on(event: 'query', listener: () => void): void }).$on('query', () => queries++)
		await lessonRoute.loader({ request: get(`${LESSON}?lng=kk`, cookieFrom(first)), params: params('first-lesson'), context: {} })
		expect(lessonCodeStats.compiles).toBe(compiles)
		expect(queries).toBeGreaterThan(0)
		expect(queries).toBeLessThanOrEqual(2)
	})
})

describe('completing lessons', () => {
	test('a guest learner gets a cookie, the next lesson, and progress that survives a language switch', async () => {
		const response = await complete('first-lesson')
		expect(response.status).toBe(302)
		expect(response.headers.get('Location')).toBe('/courses/sample-course/lessons/second-lesson')
		expect(response.headers.get('Set-Cookie')).toMatch(/^learner=.*HttpOnly; SameSite=Lax/)
		const cookie = cookieFrom(response)
		for (const lng of ['kk', 'ru', 'en']) {
			const page = await lessonRoute.loader({ request: get(`${LESSON}?lng=${lng}`, cookie), params: params('first-lesson'), context: {} })
			expect(page.lesson.done).toBe(true)
			expect(page.progress.done).toBe(1)
		}
	})

	test('completing twice changes nothing; the last lesson leads to the quiz', async () => {
		const cookie = cookieFrom(await complete('first-lesson'))
		await complete('first-lesson', cookie)
		await complete('second-lesson', cookie)
		const last = await complete('third-lesson', cookie)
		expect(last.headers.get('Location')).toBe('/courses/sample-course/quiz')
		expect(last.headers.get('Set-Cookie')).toBeNull()
		const learners = await prisma.lessonProgress.groupBy({ by: ['learnerId'], where: { courseSlug: 'sample-course' }, _count: true })
		const mine = learners.find((row) => row._count === 3)
		expect(mine).toBeDefined()
		expect(await prisma.lessonProgress.count({ where: { learnerId: mine!.learnerId } })).toBe(3)
	})

	test('home offers to continue where the learner left off', async () => {
		const cookie = cookieFrom(await complete('first-lesson'))
		const home = await homeRoute.loader({ request: get('/?lng=en', cookie), params: {}, context: {} })
		expect(home.inProgress.map((course) => [course.slug, course.progress.nextLesson])).toEqual([['sample-course', 'second-lesson']])
		const stranger = await homeRoute.loader({ request: get('/?lng=en'), params: {}, context: {} })
		expect(stranger.inProgress).toEqual([])
	})

	test('progress counts only the lessons the course has now', async () => {
		const { id: learnerId } = await prisma.learner.create({ data: {}, select: { id: true } })
		await prisma.lessonProgress.create({ data: { learnerId, courseSlug: 'sample-course', lessonSlug: 'removed-lesson', completedAt: new Date() } })
		const page = await courseRoute.loader({ request: get('/courses/sample-course', await asLearner(learnerId)), params: { course: 'sample-course' }, context: {} })
		expect(page.progress).toMatchObject({ done: 0, total: 3 })
	})
})

describe('bad completion requests write nothing', () => {
	const count = () => Promise.all([prisma.learner.count(), prisma.lessonProgress.count()])

	test.each([
		['an unknown lesson', 'sample-course', 'nope', { intent: 'complete' }, 404],
		['a lesson of another course', 'sample-course', 'only-lesson', { intent: 'complete' }, 404],
		['an unknown course', 'nope', 'first-lesson', { intent: 'complete' }, 404],
		['a missing intent', 'sample-course', 'first-lesson', {}, 400],
		['another intent', 'sample-course', 'first-lesson', { intent: 'delete' }, 400],
	])('%s → %d', async (_name, course, lesson, form, status) => {
		const before = await count()
		const request = post(`/courses/${course}/lessons/${lesson}`, form as Record<string, string>)
		expect((await thrown(lessonRoute.action({ request, params: params(lesson, course), context: {} }))).status).toBe(status)
		expect(await count()).toEqual(before)
	})

	test.each([
		['a forged cookie', { Cookie: 'learner=eyJmb3JnZWQiOnRydWV9.bad-signature' }],
		['a signed cookie for a learner that does not exist', null],
	])('%s → a translated 400', async (_name, headers) => {
		const before = await count()
		const cookie = headers ?? (await asLearner('no-such-learner'))
		const request = post(`${LESSON}?lng=en`, { intent: 'complete' }, cookie)
		const result = await thrown(lessonRoute.action({ request, params: params('first-lesson'), context: {} }))
		expect(result).toEqual({ status: 400, body: { error: 'We could not recognise your learning record. Please reload the page and try again.' } })
		expect(await count()).toEqual(before)
	})
})
