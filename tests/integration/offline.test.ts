// Reading and answering offline (decision 018), on the server's side: copies for the service
// worker hold nothing about the person, and forms replayed from the phone's queue count once.
import { randomUUID } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import * as lessonRoute from '~/routes/courses.$course.lessons.$lesson.tsx'
import * as courseRoute from '~/routes/courses.$course._index.tsx'
import * as quizRoute from '~/routes/courses.$course.quiz.tsx'
import * as root from '~/root.tsx'
import { redirectWithFlash } from '~/utils/flash.server.ts'
import { offerLanguage } from '~/utils/language-offer.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { completeLessons } from '~/models/factories.server.ts'
import { asLearner, get } from '../setup/requests.ts'

const COPY = { 'X-Offline-Copy': '1' }
const LESSONS = ['first-lesson', 'second-lesson', 'third-lesson']

async function learnerWith(lessons: string[]) {
	const { id } = await prisma.learner.create({ data: {}, select: { id: true } })
	if (lessons.length > 0) await completeLessons(prisma, id, 'sample-course', lessons)
	return { id, headers: await asLearner(id) }
}

const postForm = (path: string, headers: Record<string, string>, body: URLSearchParams) =>
	new Request(`http://localhost${path}?lng=en`, { method: 'POST', body, headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' } })

describe('a copy for reading offline', () => {
	test('shows no one’s progress on lesson and course pages', async () => {
		const learner = await learnerWith(['first-lesson'])
		const lesson = (headers: Record<string, string>) =>
			lessonRoute.loader({ request: get('/courses/sample-course/lessons/first-lesson?lng=en', headers), params: { course: 'sample-course', lesson: 'first-lesson' }, context: {} })
		expect((await lesson(learner.headers)).lesson.done).toBe(true)
		const copy = await lesson({ ...learner.headers, ...COPY })
		expect(copy.lesson.done).toBe(false)
		expect(copy.progress.done).toBe(0)
		const course = await courseRoute.loader({ request: get('/courses/sample-course?lng=en', { ...learner.headers, ...COPY }), params: { course: 'sample-course' }, context: {} })
		expect(course.progress.done).toBe(0)
		expect(course.keepOffline.paths).toEqual(['/courses/sample-course', ...LESSONS.map((slug) => `/courses/sample-course/lessons/${slug}`), '/courses/sample-course/quiz'])
	})

	test('of the quiz carries the form (never the key) and no score; handing it in still needs the lessons', async () => {
		const learner = await learnerWith([])
		const copy = await quizRoute.loader({ request: get('/courses/sample-course/quiz?lng=en', { ...learner.headers, ...COPY }), params: { course: 'sample-course' }, context: {} })
		expect(copy.form).not.toBeNull()
		expect(copy.best).toBeNull()
		expect(JSON.stringify(copy)).not.toMatch(/correct|feedback|explanation/i)
		const body = new URLSearchParams({ token: copy.form!.token, 'q-call-for-help': 'call', 'q-forms': 'money', 'q-never-fault': 'true', 'q-leaving': 'hard' })
		await expect(quizRoute.action({ request: postForm('/courses/sample-course/quiz', learner.headers, body), params: { course: 'sample-course' }, context: {} })).rejects.toMatchObject({ init: { status: 400 } })
	})
})

test('a copy fetched in the background leaves the one-shot message and language offer to the page the person opens', async () => {
	const flash = (await redirectWithFlash('/', 'groupLayout.assigned')).headers.get('Set-Cookie')!.split(';')[0]!
	const offer = (await offerLanguage('ru')).split(';')[0]!
	const request = (headers: Record<string, string>) => get('/help?lng=en', { Cookie: `${flash}; ${offer}`, ...headers })
	const copy = await root.loader({ request: request(COPY), params: {}, context: {} })
	expect(copy.data.flash).toBeNull()
	expect(new Headers(copy.init?.headers).get('Set-Cookie') ?? '').not.toMatch(/flash=|lng-offer=/)
	const page = await root.loader({ request: request({}), params: {}, context: {} })
	expect(page.data.flash).not.toBeNull()
	expect(new Headers(page.init?.headers).get('Set-Cookie')).toMatch(/flash=;.*lng-offer=;/)
})

describe('a form replayed from the offline queue', () => {
	test('a quiz answered offline and sent twice is graded once, and both sendings lead to its result', async () => {
		const learner = await learnerWith(LESSONS)
		const copy = await quizRoute.loader({ request: get('/courses/sample-course/quiz?lng=en', COPY), params: { course: 'sample-course' }, context: {} })
		const offlineId = randomUUID()
		const body = new URLSearchParams({ token: copy.form!.token, 'q-call-for-help': 'call', 'q-forms': 'money', 'q-never-fault': 'true', 'q-leaving': 'hard', offlineId })
		const send = async () => (await quizRoute.action({ request: postForm('/courses/sample-course/quiz', learner.headers, body), params: { course: 'sample-course' }, context: {} })) as Response
		const [first, second] = [await send(), await send()]
		expect(first.status).toBe(302)
		expect(second.headers.get('Location')).toBe(first.headers.get('Location'))
		expect(await prisma.quizAttempt.count({ where: { learnerId: learner.id } })).toBe(1)
		expect(await prisma.quizAttempt.findFirstOrThrow({ where: { learnerId: learner.id }, select: { score: true, maxScore: true } })).toEqual({ score: 3, maxScore: 4 })
		expect(await prisma.offlineSubmission.findUniqueOrThrow({ where: { id: offlineId }, select: { learnerId: true, resultPath: true } })).toEqual({
			learnerId: learner.id,
			resultPath: first.headers.get('Location'),
		})
	})

	test('a lesson completed offline counts once; someone else’s id leads them nowhere of the first learner’s', async () => {
		const learner = await learnerWith([])
		const offlineId = randomUUID()
		const complete = async (headers: Record<string, string>, lesson: string) =>
			(await lessonRoute.action({
				request: postForm(`/courses/sample-course/lessons/${lesson}`, headers, new URLSearchParams({ intent: 'complete', offlineId })),
				params: { course: 'sample-course', lesson },
				context: {},
			})) as Response
		expect((await complete(learner.headers, 'first-lesson')).headers.get('Location')).toBe('/courses/sample-course/lessons/second-lesson')
		expect((await complete(learner.headers, 'first-lesson')).headers.get('Location')).toBe('/courses/sample-course/lessons/second-lesson')
		expect(await prisma.lessonProgress.count({ where: { learnerId: learner.id } })).toBe(1)
		const other = await learnerWith([])
		expect((await complete(other.headers, 'third-lesson')).headers.get('Location')).toBe('/courses/sample-course/quiz')
		expect(await prisma.lessonProgress.count({ where: { learnerId: other.id } })).toBe(1)
	})

	test('an id that is not a UUID is ignored, not stored', async () => {
		const learner = await learnerWith([])
		await lessonRoute.action({
			request: postForm('/courses/sample-course/lessons/first-lesson', learner.headers, new URLSearchParams({ intent: 'complete', offlineId: "x'; DROP TABLE" })),
			params: { course: 'sample-course', lesson: 'first-lesson' },
			context: {},
		})
		expect(await prisma.offlineSubmission.count({ where: { learnerId: learner.id } })).toBe(0)
	})
})
