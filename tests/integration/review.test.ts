// Spaced review (decision 018): a quiz attempt schedules the missed questions and each lesson's
// key point; /review hands them back when they are due, grades them on the server and moves each
// card with its answer; a resent form moves nothing again.
import { describe, expect, test } from 'vitest'
import { findCourse } from '~/courses/catalog.server.ts'
import { reviewParticipation } from '~/models/review.server.ts'
import * as homeRoute from '~/routes/_index.tsx'
import * as quizRoute from '~/routes/courses.$course.quiz.tsx'
import * as reviewRoute from '~/routes/review._index.tsx'
import * as reviewResultRoute from '~/routes/review.$review.tsx'
import { prisma } from '~/utils/db.server.ts'
import { completeLessons, createGroup, createOrganisation, createUser } from '~/models/factories.server.ts'
import { asLearner, get, thrown } from '../setup/requests.ts'

const QUIZ = '/courses/sample-course/quiz'
const params = { course: 'sample-course' }
const RIGHT: Record<string, string[]> = { 'call-for-help': ['call'], forms: ['money', 'shouting'], 'never-fault': ['true'], leaving: ['hard'] }
const DAY_MS = 24 * 60 * 60 * 1000

async function readyLearner(learnerId?: string) {
	const id = learnerId ?? (await prisma.learner.create({ data: {}, select: { id: true } })).id
	await completeLessons(prisma, id, 'sample-course', ['first-lesson', 'second-lesson', 'third-lesson'])
	return { id, headers: await asLearner(id) }
}

function fields(token: string, answers: Record<string, string[]>) {
	const body = new URLSearchParams({ token })
	for (const [id, chosen] of Object.entries(answers)) for (const option of chosen) body.append(`q-${id}`, option)
	return body
}

const postTo = (path: string, headers: Record<string, string>, body: URLSearchParams) =>
	new Request(`http://localhost${path}?lng=en`, { method: 'POST', body, headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' } })

/** Takes the quiz with `forms` wrong (ticking one of its two right options) and the rest right. */
async function takeQuizMissingForms(headers: Record<string, string>) {
	const page = await quizRoute.loader({ request: get(`${QUIZ}?lng=en`, headers), params, context: {} })
	const response = (await quizRoute.action({ request: postTo(QUIZ, headers, fields(page.form!.token, { ...RIGHT, forms: ['money'] })), params, context: {} })) as Response
	expect(response.status).toBe(302)
}

const cards = (learnerId: string) =>
	prisma.reviewCard.findMany({ where: { learnerId }, orderBy: { questionId: 'asc' }, select: { questionId: true, due: true, stability: true, reps: true, lapses: true, lastReview: true } })

/** As if `days` had passed: every card of the learner was reviewed and is due that much earlier. */
async function travel(learnerId: string, days: number) {
	for (const card of await cards(learnerId)) {
		await prisma.reviewCard.updateMany({
			where: { learnerId, questionId: card.questionId },
			data: { due: new Date(card.due.getTime() - days * DAY_MS), lastReview: new Date(card.lastReview!.getTime() - days * DAY_MS) },
		})
	}
}

async function openReview(headers: Record<string, string>) {
	return reviewRoute.loader({ request: get('/review?lng=en', headers), params: {}, context: {} })
}

describe('after the quiz', () => {
	test('the missed question and each lesson’s key point are scheduled; a known extra question is not', async () => {
		const learner = await readyLearner()
		await takeQuizMissingForms(learner.headers)
		const scheduled = await cards(learner.id)
		// Key points: the first question of each lesson in quiz.yaml (call-for-help, forms, never-fault).
		expect(scheduled.map((card) => card.questionId)).toEqual(['call-for-help', 'forms', 'never-fault'])
		const [known, missed] = [scheduled.find((card) => card.questionId === 'call-for-help')!, scheduled.find((card) => card.questionId === 'forms')!]
		const after = (card: { due: Date; lastReview: Date | null }) => Math.round((card.due.getTime() - card.lastReview!.getTime()) / DAY_MS)
		expect(after(missed)).toBe(1)
		expect(after(known)).toBeGreaterThan(1)
		// Nothing is due yet: the page says when the next review is ready.
		const page = await openReview(learner.headers)
		expect(page.form).toBeNull()
		expect(page.nextDue).toBe(missed.due.toISOString().slice(0, 10))
	})
})

describe('a second quiz attempt', () => {
	test('moves the cards from the states the first one stored', async () => {
		const learner = await readyLearner()
		await takeQuizMissingForms(learner.headers)
		await travel(learner.id, 2)
		const before = await cards(learner.id)
		await takeQuizMissingForms(learner.headers)
		const after = await cards(learner.id)
		expect(after.map((card) => card.questionId)).toEqual(before.map((card) => card.questionId))
		for (const card of after) {
			const first = before.find((each) => each.questionId === card.questionId)!
			// Each card went on from what was read back (dates, floats, counts), not from a new card.
			expect(card.reps).toBe(first.reps + 1)
			expect(card.lastReview!.getTime()).toBeGreaterThan(first.lastReview!.getTime())
		}
		expect(after.find((card) => card.questionId === 'forms')!.lapses).toBeGreaterThanOrEqual(1)
	})
})

describe('a review', () => {
	test('moves the schedule with the answers: right goes further out, wrong comes back the next day', async () => {
		const [good, poor] = [await readyLearner(), await readyLearner()]
		for (const learner of [good, poor]) {
			await takeQuizMissingForms(learner.headers)
			await travel(learner.id, 1)
		}
		const before = await cards(good.id)
		const results: Record<string, string> = {}
		for (const [learner, answer] of [
			[good, ['money', 'shouting']],
			[poor, ['money']],
		] as const) {
			const page = await openReview(learner.headers)
			// Only what is due (the missed question, a day later), and never the key.
			expect(page.form!.questions.map((question) => question.id)).toEqual(['forms'])
			expect(JSON.stringify(page.form)).not.toMatch(/correct|feedback|explanation/i)
			const response = (await reviewRoute.action({ request: postTo('/review', learner.headers, fields(page.form!.token, { forms: [...answer] })), params: {}, context: {} })) as Response
			expect(response.status).toBe(302)
			results[learner.id] = response.headers.get('Location')!
		}
		const [goodForms, poorForms] = [(await cards(good.id)).find((card) => card.questionId === 'forms')!, (await cards(poor.id)).find((card) => card.questionId === 'forms')!]
		const beforeForms = before.find((card) => card.questionId === 'forms')!
		expect(goodForms.reps).toBe(beforeForms.reps + 1)
		expect(goodForms.stability).toBeGreaterThan(beforeForms.stability)
		expect(goodForms.due.getTime()).toBeGreaterThan(poorForms.due.getTime())
		expect(Math.round((poorForms.due.getTime() - poorForms.lastReview!.getTime()) / DAY_MS)).toBe(1)
		expect(poorForms.lapses).toBe(1)
		// The other cards did not move.
		expect((await cards(good.id)).filter((card) => card.questionId !== 'forms')).toEqual(before.filter((card) => card.questionId !== 'forms'))

		// The result page, to its learner only.
		const reviewId = results[good.id]!.split('/').pop()!
		const result = await reviewResultRoute.loader({ request: get(`/review/${reviewId}?lng=en`, good.headers), params: { review: reviewId }, context: {} })
		expect(result).toMatchObject({ right: 1, total: 1 })
		expect(result.questions[0]).toMatchObject({ revealed: true, explanation: expect.any(String) })
		expect((await thrown(reviewResultRoute.loader({ request: get(`/review/${reviewId}`, poor.headers), params: { review: reviewId }, context: {} }))).status).toBe(404)
	})

	test('sent twice counts once', async () => {
		const learner = await readyLearner()
		await takeQuizMissingForms(learner.headers)
		await travel(learner.id, 1)
		const page = await openReview(learner.headers)
		const send = async () => (await reviewRoute.action({ request: postTo('/review', learner.headers, fields(page.form!.token, { forms: ['money', 'shouting'] })), params: {}, context: {} })) as Response
		const first = await send()
		const afterFirst = await cards(learner.id)
		const second = await send()
		expect(second.headers.get('Location')).toBe(first.headers.get('Location'))
		expect(await cards(learner.id)).toEqual(afterFirst)
		expect(await prisma.reviewSession.count({ where: { learnerId: learner.id } })).toBe(1)
	})

	test('a review’s few questions cannot be handed in as the quiz, nor a quiz form as a review', async () => {
		const learner = await readyLearner()
		await takeQuizMissingForms(learner.headers)
		await travel(learner.id, 1)
		const review = await openReview(learner.headers)
		const asQuiz = await thrown(quizRoute.action({ request: postTo(QUIZ, learner.headers, fields(review.form!.token, { forms: ['money', 'shouting'] })), params, context: {} }))
		expect(asQuiz.status).toBe(400)
		const quiz = await quizRoute.loader({ request: get(`${QUIZ}?lng=en`, learner.headers), params, context: {} })
		const asReview = await thrown(reviewRoute.action({ request: postTo('/review', learner.headers, fields(quiz.form!.token, RIGHT)), params: {}, context: {} }))
		expect(asReview.status).toBe(400)
		expect(await prisma.quizAttempt.count({ where: { learnerId: learner.id } })).toBe(1)
		expect(await prisma.reviewSession.count({ where: { learnerId: learner.id } })).toBe(0)
	})

	test('a guest’s cards follow them into their account', async () => {
		const { mergeGuestIntoUser } = await import('~/auth/learner.server.ts')
		const guest = await readyLearner()
		await takeQuizMissingForms(guest.headers)
		const user = await createUser(prisma, { displayName: 'Dana' })
		await mergeGuestIntoUser(get('/', guest.headers), user.id)
		expect((await cards(user.learner!.id)).map((card) => card.questionId)).toEqual(['call-for-help', 'forms', 'never-fault'])
	})
})

describe('the reminder on the home page', () => {
	test('counts what is due and never names the course, in discreet mode too', async () => {
		const learner = await readyLearner()
		await takeQuizMissingForms(learner.headers)
		expect((await homeRoute.loader({ request: get('/?lng=en', learner.headers), params: {}, context: {} })).review).toBeNull()
		await travel(learner.id, 30)
		const title = findCourse('sample-course')!.meta.title.en!
		for (const headers of [learner.headers, { Cookie: `${learner.headers.Cookie}; discreet=dHJ1ZQ%3D%3D` }]) {
			const home = await homeRoute.loader({ request: get('/?lng=en', headers), params: {}, context: {} })
			expect(home.review).toEqual({ heading: 'Review', text: '3 questions to review: about two minutes.', link: 'Start the review' })
			expect(JSON.stringify(home.review)).not.toContain(title)
		}
	})
})

describe('what an organisation sees', () => {
	test('counts of learners and reviews, nobody’s name', async () => {
		const org = await createOrganisation(prisma, { name: 'Review School' })
		const group = await createGroup(prisma, org.id, { name: '9 B' })
		const members = await Promise.all(['A', 'B', 'C'].map((name) => createUser(prisma, { displayName: `Pupil ${name}` })))
		for (const member of members) await prisma.groupMember.create({ data: { groupId: group.id, userId: member.id } })
		for (const member of members.slice(0, 2)) {
			const learner = await readyLearner(member.learner!.id)
			await takeQuizMissingForms(learner.headers)
		}
		const reviewer = { id: members[0]!.learner!.id, headers: await asLearner(members[0]!.learner!.id) }
		await travel(reviewer.id, 1)
		const page = await openReview(reviewer.headers)
		await reviewRoute.action({ request: postTo('/review', reviewer.headers, fields(page.form!.token, { forms: ['money'] })), params: {}, context: {} })
		const participation = await reviewParticipation(group.id)
		expect(participation).toEqual({ learnersWithReviews: 2, learnersReviewing: 1, reviews: 1, days: 30 })
		expect(JSON.stringify(participation)).not.toMatch(/Pupil/)
	})
})
