import { describe, expect, test } from 'vitest'
import { findCourse } from '~/courses/catalog.server.ts'
import { getBestAttempt } from '~/models/quiz.server.ts'
import { itemStatisticsOf } from '~/models/org-reports.server.ts'
import { prisma } from '~/utils/db.server.ts'
import * as quizRoute from '~/routes/courses.$course.quiz.tsx'
import * as resultRoute from '~/routes/courses.$course.quiz_.attempts.$attempt.tsx'
import { completeLessons } from '~/models/factories.server.ts'
import { asLearner, get, thrown } from '../setup/requests.ts'

const QUIZ = '/courses/sample-course/quiz'
const params = { course: 'sample-course' }
const quiz = findCourse('sample-course')!.quiz!
const RIGHT: Record<string, string[]> = { 'call-for-help': ['call'], forms: ['money', 'shouting'], 'never-fault': ['true'], leaving: ['hard'] }

/** A guest learner who has completed every lesson of the sample course. */
async function readyLearner() {
	const learner = await prisma.learner.create({ data: {}, select: { id: true } })
	await completeLessons(prisma, learner.id, 'sample-course', ['first-lesson', 'second-lesson', 'third-lesson'])
	return { id: learner.id, headers: await asLearner(learner.id) }
}

async function openQuiz(headers: Record<string, string>, lng = 'en') {
	const page = await quizRoute.loader({ request: get(`${QUIZ}?lng=${lng}`, headers), params, context: {} })
	if (!page.form) throw new Error('the quiz is locked')
	return page.form
}

function answerFields(token: string, answers: Record<string, string[]>) {
	const body = new URLSearchParams({ token })
	for (const [id, chosen] of Object.entries(answers)) for (const option of chosen) body.append(`q-${id}`, option)
	return body
}

function submit(headers: Record<string, string>, body: URLSearchParams | string, contentType = 'application/x-www-form-urlencoded') {
	const request = new Request(`http://localhost${QUIZ}?lng=en`, { method: 'POST', body, headers: { ...headers, 'Content-Type': contentType } })
	return quizRoute.action({ request, params, context: {} })
}

const attempts = (learnerId: string) => prisma.quizAttempt.count({ where: { learnerId } })

describe('the quiz page', () => {
	test('is locked until every lesson is done, listing what is left', async () => {
		const page = await quizRoute.loader({ request: get(`${QUIZ}?lng=en`), params, context: {} })
		expect(page.form).toBeNull()
		expect(page.remaining.map((lesson) => lesson.slug)).toEqual(['first-lesson', 'second-lesson', 'third-lesson'])
	})

	test('never carries the answer key, feedback or explanations', async () => {
		const { headers } = await readyLearner()
		const form = await openQuiz(headers)
		expect(form.questions.map((question) => question.id).sort()).toEqual(Object.keys(RIGHT).sort())
		const serialized = JSON.stringify(form)
		expect(serialized).not.toMatch(/correct|feedback|explanation/i)
		for (const question of quiz.questions) {
			for (const texts of [question.en, question.ru, question.kk]) {
				expect(serialized).not.toContain(texts!.explanation)
				for (const option of Object.values(texts!.options ?? {})) if (option.feedback) expect(serialized).not.toContain(option.feedback)
			}
		}
	})

	test('an unknown course or a course without a quiz is a 404', async () => {
		expect((await thrown(quizRoute.loader({ request: get('/courses/nope/quiz'), params: { course: 'nope' }, context: {} }))).status).toBe(404)
	})
})

describe('submitting', () => {
	test('a passing attempt is stored with its answers, score, duration and locale', async () => {
		const learner = await readyLearner()
		const form = await openQuiz(learner.headers, 'ru')
		const response = (await submit(learner.headers, answerFields(form.token, RIGHT))) as Response
		expect(response.status).toBe(302)
		const attemptId = response.headers.get('Location')!.split('/').pop()!
		const stored = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attemptId }, include: { answers: true } })
		expect(stored).toMatchObject({ learnerId: learner.id, courseSlug: 'sample-course', courseVersion: '2', score: 4, maxScore: 4, passed: true, locale: 'en' })
		expect(stored.durationMs).toBeGreaterThanOrEqual(0)
		expect(stored.answers.map((answer) => [answer.questionId, JSON.parse(answer.chosen), answer.correct]).sort()).toEqual(
			Object.entries(RIGHT).map(([id, chosen]) => [id, chosen, true]).sort(),
		)
	})

	test('a failed result shows why the chosen option is wrong and where to read again, never the key', async () => {
		const learner = await readyLearner()
		const form = await openQuiz(learner.headers)
		const response = (await submit(learner.headers, answerFields(form.token, { ...RIGHT, leaving: ['easy'], forms: ['money'] }))) as Response
		const attemptId = response.headers.get('Location')!.split('/').pop()!
		const result = await resultRoute.loader({ request: get(`${QUIZ}/attempts/${attemptId}?lng=en`, learner.headers), params: { ...params, attempt: attemptId }, context: {} })
		expect(result).toMatchObject({ score: 2, maxScore: 4, percent: 50, passed: false, revealKey: false })
		const leaving = result.questions.find((question) => question.id === 'leaving')!
		expect(leaving).toMatchObject({
			right: false,
			revealed: false,
			wrongChosen: [{ id: 'easy', feedback: 'Fear, money and children make it hard.' }],
			review: { href: '/courses/sample-course/lessons/third-lesson', title: 'Third lesson' },
		})
		// "money" was right but "shouting" was left out: neither is named.
		expect(result.questions.find((question) => question.id === 'forms')).toMatchObject({ revealed: false, wrongChosen: [], missedSome: true })
		const serialized = JSON.stringify(result)
		expect(serialized).not.toContain('Often hard and sometimes dangerous')
		expect(serialized).not.toContain('Threats and humiliation')
		expect(serialized).not.toContain('Many things make leaving hard')
	})

	test('a passed result shows each question with what was chosen, the right answer, explanation and source', async () => {
		const learner = await readyLearner()
		const form = await openQuiz(learner.headers)
		const response = (await submit(learner.headers, answerFields(form.token, { ...RIGHT, leaving: ['easy'] }))) as Response
		const attemptId = response.headers.get('Location')!.split('/').pop()!
		const result = await resultRoute.loader({ request: get(`${QUIZ}/attempts/${attemptId}?lng=en`, learner.headers), params: { ...params, attempt: attemptId }, context: {} })
		expect(result).toMatchObject({ score: 3, maxScore: 4, passed: true, revealKey: true })
		const leaving = result.questions.find((question) => question.id === 'leaving')!
		if (!leaving.revealed) throw new Error('the key is shown after a pass')
		expect(leaving.explanation).toBe('Many things make leaving hard; support without judging.')
		expect(leaving.options.find((option) => option.id === 'easy')).toMatchObject({ chosen: true, correct: false, feedback: 'Fear, money and children make it hard.' })
		expect(leaving.options.find((option) => option.id === 'hard')).toMatchObject({ chosen: false, correct: true })
		const call = result.questions.find((question) => question.id === 'call-for-help')!
		expect(call.revealed && call.source).toEqual({ id: 'egov', title: 'eGov.kz: emergency numbers', original: null, originalLang: null, url: 'https://egov.kz' })
	})

	test('someone else’s attempt is not found', async () => {
		const owner = await readyLearner()
		const form = await openQuiz(owner.headers)
		const response = (await submit(owner.headers, answerFields(form.token, RIGHT))) as Response
		const attemptId = response.headers.get('Location')!.split('/').pop()!
		const stranger = await readyLearner()
		const request = get(`${QUIZ}/attempts/${attemptId}`, stranger.headers)
		expect((await thrown(resultRoute.loader({ request, params: { ...params, attempt: attemptId }, context: {} }))).status).toBe(404)
	})

	test('a failed attempt can be retried with a new shuffle; the best attempt counts', async () => {
		const learner = await readyLearner()
		const first = await openQuiz(learner.headers)
		await submit(learner.headers, answerFields(first.token, { ...RIGHT, leaving: ['easy'], forms: ['weather'] }))
		const second = await openQuiz(learner.headers)
		expect(second.token).not.toBe(first.token)
		await submit(learner.headers, answerFields(second.token, RIGHT))
		const third = await openQuiz(learner.headers)
		await submit(learner.headers, answerFields(third.token, { ...RIGHT, leaving: ['easy'] }))
		expect(await attempts(learner.id)).toBe(3)
		expect(await getBestAttempt({ learnerId: learner.id }, 'sample-course')).toMatchObject({ score: 4, passed: true })
	})

	test('the same form sent twice at once records one attempt', async () => {
		const learner = await readyLearner()
		const form = await openQuiz(learner.headers)
		const [a, b] = (await Promise.all([
			submit(learner.headers, answerFields(form.token, RIGHT)),
			submit(learner.headers, answerFields(form.token, RIGHT)),
		])) as Response[]
		expect(a!.headers.get('Location')).toBe(b!.headers.get('Location'))
		expect(await attempts(learner.id)).toBe(1)
		// And once more, later (a resent form).
		const again = (await submit(learner.headers, answerFields(form.token, RIGHT))) as Response
		expect(again.headers.get('Location')).toBe(a!.headers.get('Location'))
		expect(await attempts(learner.id)).toBe(1)
	})
})

describe('the write limit', () => {
	const counted = async (learnerId: string) => (await prisma.rateLimit.findUnique({ where: { key: `quiz:account:${learnerId}` }, select: { count: true } }))?.count ?? 0

	test('counts each stored attempt once, in its transaction; a form sent twice counts once', async () => {
		const learner = await readyLearner()
		const form = await openQuiz(learner.headers)
		await Promise.all([submit(learner.headers, answerFields(form.token, RIGHT)), submit(learner.headers, answerFields(form.token, RIGHT))])
		expect(await attempts(learner.id)).toBe(1)
		expect(await counted(learner.id)).toBe(1)
	})

	test('over it: a translated 429 with Retry-After, and nothing of the attempt is stored', async () => {
		const learner = await readyLearner()
		const form = await openQuiz(learner.headers)
		const now = new Date()
		await prisma.rateLimit.create({ data: { key: `quiz:account:${learner.id}`, windowStart: now, count: 30, lastAt: now } })
		const refused = await thrown(submit(learner.headers, answerFields(form.token, RIGHT)))
		expect(refused).toEqual({ status: 429, body: { error: expect.stringMatching(/Please wait a little/) } })
		const error = (await submit(learner.headers, answerFields(form.token, RIGHT)).catch((response: unknown) => response)) as { init: { headers: Record<string, string> } }
		expect(Number(error.init.headers['Retry-After'])).toBeGreaterThan(500)
		expect(await attempts(learner.id)).toBe(0)
		expect(await prisma.quizAnswer.count({ where: { attempt: { learnerId: learner.id } } })).toBe(0)
		expect(await prisma.reviewCard.count({ where: { learnerId: learner.id } })).toBe(0)
		expect(await prisma.learnerCourseSummary.findFirst({ where: { learnerId: learner.id }, select: { bestScore: true } })).toMatchObject({ bestScore: null })
		expect(await counted(learner.id)).toBe(30)
	})
})

describe('bad submissions save nothing', () => {
	test('unanswered questions come back listed, with the answers given kept and the same questions', async () => {
		const learner = await readyLearner()
		const form = await openQuiz(learner.headers)
		const result = (await submit(learner.headers, answerFields(form.token, { forms: ['money'] }))) as unknown as {
			init: { status: number }
			data: { missing: string[]; answers: Record<string, string[]>; form: { token: string; questions: { id: string }[] } }
		}
		expect(result.init.status).toBe(400)
		expect(result.data.missing.sort()).toEqual(['call-for-help', 'leaving', 'never-fault'])
		expect(result.data.answers).toEqual({ forms: ['money'] })
		expect(result.data.form.token).toBe(form.token)
		expect(result.data.form.questions.map((question) => question.id)).toEqual(form.questions.map((question) => question.id))
		expect(await attempts(learner.id)).toBe(0)
	})

	test.each([
		['a forged question id', (token: string) => answerFields(token, { ...RIGHT, invented: ['x'] })],
		['an option id of another question', (token: string) => answerFields(token, { ...RIGHT, leaving: ['call'] })],
		['two answers to a one-answer question', (token: string) => answerFields(token, { ...RIGHT, leaving: ['hard', 'easy'] })],
		['a repeated token', (token: string) => { const body = answerFields(token, RIGHT); body.append('token', token); return body }],
		['no token', () => answerFields('', RIGHT)],
		['a tampered token', (token: string) => answerFields(`${token}x`, RIGHT)],
		['an oversized field', (token: string) => answerFields(token, { ...RIGHT, leaving: ['h'.repeat(5000)] })],
		['thousands of fields', (token: string) => { const body = answerFields(token, RIGHT); for (let i = 0; i < 1000; i++) body.append(`x${i}`, 'y'); return body }],
	])('%s → a translated 400', async (_name, build) => {
		const learner = await readyLearner()
		const form = await openQuiz(learner.headers)
		const result = await thrown(submit(learner.headers, build(form.token)))
		expect(result.status).toBe(400)
		expect(typeof (result.body as { error: string }).error).toBe('string')
		expect(await attempts(learner.id)).toBe(0)
	})

	test('a token from another course’s quiz → 400', async () => {
		const learner = await readyLearner()
		await completeLessons(prisma, learner.id, 'partial-languages', ['only-lesson'])
		const other = await quizRoute.loader({ request: get('/courses/partial-languages/quiz', learner.headers), params: { course: 'partial-languages' }, context: {} })
		const result = await thrown(submit(learner.headers, answerFields(other.form!.token, { only: ['false'] })))
		expect(result).toEqual({ status: 400, body: { error: 'This quiz form is no longer valid. Please open the quiz again.' } })
		expect(await attempts(learner.id)).toBe(0)
	})

	test('a learner whose lessons are not done → 400', async () => {
		const ready = await readyLearner()
		const form = await openQuiz(ready.headers)
		const fresh = await prisma.learner.create({ data: {}, select: { id: true } })
		const result = await thrown(submit(await asLearner(fresh.id), answerFields(form.token, RIGHT)))
		expect(result).toEqual({ status: 400, body: { error: 'Complete every lesson of the course before the quiz.' } })
		expect(await attempts(fresh.id)).toBe(0)
		expect(await thrown(submit({}, answerFields(form.token, RIGHT)))).toMatchObject({ status: 400 })
	})

	test('a body that is not a form → 400', async () => {
		const learner = await readyLearner()
		expect((await thrown(submit(learner.headers, '{"a":1}', 'application/json'))).status).toBe(400)
		expect(await attempts(learner.id)).toBe(0)
	})
})

test('item statistics over a group of learners', async () => {
	const learners = await Promise.all([readyLearner(), readyLearner(), readyLearner()])
	const choices = [RIGHT, { ...RIGHT, leaving: ['easy'] }, { ...RIGHT, leaving: ['easy'], forms: ['money'] }]
	for (const [index, learner] of learners.entries()) {
		const form = await openQuiz(learner.headers)
		await submit(learner.headers, answerFields(form.token, choices[index]!))
	}
	const attempts = await prisma.quizAttempt.findMany({ where: { learnerId: { in: learners.map((learner) => learner.id) }, submittedAt: { not: null } }, select: { id: true } })
	const stats = await itemStatisticsOf(findCourse('sample-course')!, { kind: 'listed', ids: attempts.map((attempt) => attempt.id) })
	expect(stats.find((entry) => entry.questionId === 'leaving')).toEqual({ questionId: 'leaving', answered: 3, rightShare: 1 / 3, mostChosenWrong: { option: 'easy', count: 2 } })
	expect(stats.find((entry) => entry.questionId === 'forms')).toMatchObject({ answered: 3, mostChosenWrong: null })
})
