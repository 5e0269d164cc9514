// Assessment integrity through the routes (decision 008): a retry is a new test, the key stays
// hidden until a pass, the retake policy rests the quiz but never the lessons, the pre-test and
// lesson choices are practice, and a guest who passes lands on the certificate's name form.
import { describe, expect, test } from 'vitest'
import { findCourse } from '~/courses/catalog.server.ts'
import { createSession } from '~/auth/session.server.ts'
import { changedShare } from '~/quiz/draw.ts'
import { prisma } from '~/utils/db.server.ts'
import * as accountRoute from '~/routes/account.tsx'
import * as certificateRoute from '~/routes/courses.$course.certificate.tsx'
import * as courseRoute from '~/routes/courses.$course._index.tsx'
import * as lessonRoute from '~/routes/courses.$course.lessons.$lesson.tsx'
import * as practiceRoute from '~/routes/courses.$course.lessons.$lesson_.practice.tsx'
import * as pretestRoute from '~/routes/courses.$course.pretest.tsx'
import * as quizRoute from '~/routes/courses.$course.quiz.tsx'
import * as resultRoute from '~/routes/courses.$course.quiz_.attempts.$attempt.tsx'
import * as loginRoute from '~/routes/login.tsx'
import * as signupRoute from '~/routes/signup.tsx'
import { addGroupMembers, completeLessons, createGroup, createOrganisation, createUser } from '~/models/factories.server.ts'
import { hashPassword } from '~/utils/password.server.ts'
import { asLearner, get, thrown } from '../setup/requests.ts'
import { randomBytes } from 'node:crypto'

const POOLED = 'test-pool-course'
const pooled = findCourse(POOLED)!
const RIGHT = Object.fromEntries(pooled.quiz!.questions.map((question) => [question.id, question.correct]))
const WRONG = Object.fromEntries(pooled.quiz!.questions.map((question) => [question.id, [question.options!.find((option) => !question.correct.includes(option))!]]))
const SAMPLE_RIGHT: Record<string, string[]> = { 'call-for-help': ['call'], forms: ['money', 'shouting'], 'never-fault': ['true'], leaving: ['hard'] }
let ip = 0
const context = () => ({ clientIp: `10.7.${Math.floor(++ip / 250)}.${ip % 250}` })

type Form = { token: string; questions: { id: string }[] }

async function readyLearner(course = POOLED, lessons = ['control', 'helping']) {
	const learner = await prisma.learner.create({ data: {}, select: { id: true } })
	await completeLessons(prisma, learner.id, course, lessons)
	return { id: learner.id, headers: await asLearner(learner.id) }
}

async function open(headers: Record<string, string>, course = POOLED) {
	return quizRoute.loader({ request: get(`/courses/${course}/quiz?lng=en`, headers), params: { course }, context: {} })
}

async function openForm(headers: Record<string, string>, course = POOLED): Promise<Form> {
	const page = await open(headers, course)
	if (!page.form) throw new Error('no form')
	return page.form
}

/** The answers for the questions this form shows. */
function fields(form: Form, answers: Record<string, string[]>) {
	const body = new URLSearchParams({ token: form.token })
	for (const question of form.questions) for (const option of answers[question.id] ?? []) body.append(`q-${question.id}`, option)
	return body
}

function submit(headers: Record<string, string>, body: URLSearchParams, course = POOLED) {
	const request = new Request(`http://localhost/courses/${course}/quiz?lng=en`, { method: 'POST', body, headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' } })
	return quizRoute.action({ request, params: { course }, context: {} })
}

async function attemptId(promise: Promise<unknown>) {
	const response = (await promise) as Response
	expect(response.status).toBe(302)
	return response.headers.get('Location')!.split('/').pop()!
}

async function result(headers: Record<string, string>, attempt: string, course = POOLED) {
	return resultRoute.loader({ request: get(`/courses/${course}/quiz/attempts/${attempt}?lng=en`, headers), params: { course, attempt }, context: {} })
}

/**
 * Moves the learner's attempts back in time, past the cool-down. Through Prisma, not SQL: the
 * engines store DateTime differently (milliseconds on SQLite, timestamp on PostgreSQL).
 */
async function ageAttempts(learnerId: string, hours: number) {
	const attempts = await prisma.quizAttempt.findMany({ where: { learnerId, submittedAt: { not: null } }, select: { id: true, submittedAt: true } })
	for (const { id, submittedAt } of attempts) {
		await prisma.quizAttempt.update({ where: { id }, data: { submittedAt: new Date(submittedAt!.getTime() - hours * 3_600_000) } })
	}
}

describe('the draw', () => {
	test('two consecutive attempts differ in at least 30 % of their questions', async () => {
		for (let round = 0; round < 5; round++) {
			const learner = await readyLearner()
			const first = await openForm(learner.headers)
			await submit(learner.headers, fields(first, WRONG))
			const second = await openForm(learner.headers)
			const ids = (form: Form) => form.questions.map((question) => question.id)
			expect(changedShare(ids(first), ids(second))).toBeGreaterThanOrEqual(0.3)
			expect(second.questions).toHaveLength(4)
		}
	})

	test('the seed is stored with the attempt, and grading uses the drawn set', async () => {
		const learner = await readyLearner()
		const form = await openForm(learner.headers)
		const id = await attemptId(submit(learner.headers, fields(form, RIGHT)))
		const stored = await prisma.quizAttempt.findUniqueOrThrow({ where: { id }, select: { drawSeed: true, layout: true, score: true, maxScore: true } })
		expect(stored.drawSeed).toEqual(expect.any(Number))
		expect((JSON.parse(stored.layout) as { questionId: string }[]).map((entry) => entry.questionId)).toEqual(form.questions.map((question) => question.id))
		expect(stored).toMatchObject({ score: 4, maxScore: 4 })
	})

	test('a form opened before the last attempt was handed in is refused: a retry is drawn afresh', async () => {
		const learner = await readyLearner()
		const first = await openForm(learner.headers)
		const second = await openForm(learner.headers)
		await attemptId(submit(learner.headers, fields(first, WRONG)))
		const refused = await thrown(submit(learner.headers, fields(second, RIGHT)))
		expect(refused.status).toBe(400)
		expect(JSON.stringify(refused.body)).toMatch(/Another attempt was handed in/)
		expect(await prisma.quizAttempt.count({ where: { learnerId: learner.id } })).toBe(1)
	})

	test('the same form sent again still leads to its attempt', async () => {
		const learner = await readyLearner()
		const form = await openForm(learner.headers)
		const id = await attemptId(submit(learner.headers, fields(form, WRONG)))
		expect(await attemptId(submit(learner.headers, fields(form, WRONG)))).toBe(id)
	})
})

describe('feedback without the key', () => {
	test('a failed result names why each chosen option is wrong and the lesson section, never the right option', async () => {
		const learner = await readyLearner()
		const form = await openForm(learner.headers)
		const page = await result(learner.headers, await attemptId(submit(learner.headers, fields(form, WRONG))))
		expect(page).toMatchObject({ passed: false, revealKey: false })
		const serialized = JSON.stringify(page)
		for (const entry of form.questions) {
			const question = pooled.quiz!.questions.find((candidate) => candidate.id === entry.id)!
			for (const right of question.correct) expect(serialized).not.toContain(question.en!.options![right]!.text)
			expect(serialized).not.toContain(question.en!.explanation)
			const shown = page.questions.find((candidate) => candidate.id === entry.id)!
			expect(shown).toMatchObject({
				revealed: false,
				wrongChosen: [{ id: WRONG[entry.id]![0], feedback: question.en!.options![WRONG[entry.id]![0]!]!.feedback }],
				review: { href: `/courses/${POOLED}/lessons/${question.lesson}#${question.section}` },
			})
		}
	})

	test('the whole key after a pass, and after revealKeyAfterFailures (3) failures', async () => {
		const learner = await readyLearner()
		const failures: string[] = []
		for (let index = 0; index < 3; index++) {
			await ageAttempts(learner.id, 48)
			failures.push(await attemptId(submit(learner.headers, fields(await openForm(learner.headers), WRONG))))
		}
		expect((await result(learner.headers, failures[1]!)).revealKey).toBe(false)
		expect((await result(learner.headers, failures[2]!)).revealKey).toBe(true)

		const passer = await readyLearner()
		const failed = await attemptId(submit(passer.headers, fields(await openForm(passer.headers), WRONG)))
		const passed = await attemptId(submit(passer.headers, fields(await openForm(passer.headers), RIGHT)))
		expect((await result(passer.headers, passed)).revealKey).toBe(true)
		// Once the course is passed, earlier failures show their key too.
		expect((await result(passer.headers, failed)).revealKey).toBe(true)
	})
})

describe('the retake policy (2 failures in a row → 24 hours)', () => {
	test('rests the quiz after the second failure, refuses a form opened before, reopens after the pause; lessons stay open', async () => {
		const learner = await readyLearner()
		await attemptId(submit(learner.headers, fields(await openForm(learner.headers), WRONG)))
		const early = await openForm(learner.headers)
		const spare = await openForm(learner.headers)
		await attemptId(submit(learner.headers, fields(early, WRONG)))

		const resting = await open(learner.headers)
		expect(resting.form).toBeNull()
		expect(resting.coolDown).toMatchObject({ failures: 2, hours: 24 })
		const refused = await thrown(submit(learner.headers, fields(spare, RIGHT)))
		expect(refused.status).toBe(400)
		expect(JSON.stringify(refused.body)).toMatch(/resting after several attempts/)

		const lesson = await lessonRoute.loader({ request: get(`/courses/${POOLED}/lessons/control?lng=en`, learner.headers), params: { course: POOLED, lesson: 'control' }, context: {} })
		expect(lesson.lesson.slug).toBe('control')

		await ageAttempts(learner.id, 25)
		expect((await open(learner.headers)).form).not.toBeNull()
	})

	test('a course without a policy never rests', async () => {
		const learner = await readyLearner('sample-course', ['first-lesson', 'second-lesson', 'third-lesson'])
		for (let index = 0; index < 3; index++) {
			const form = await openForm(learner.headers, 'sample-course')
			await attemptId(submit(learner.headers, fields(form, { ...SAMPLE_RIGHT, leaving: ['easy'], forms: ['weather'] }), 'sample-course'))
		}
		expect((await open(learner.headers, 'sample-course')).form).not.toBeNull()
	})
})

describe('the pre-test', () => {
	const pretestPost = (headers: Record<string, string>, body: URLSearchParams) =>
		pretestRoute.action({
			request: new Request(`http://localhost/courses/${POOLED}/pretest?lng=en`, { method: 'POST', body, headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' } }),
			params: { course: POOLED },
			context: {},
		})

	test('a new guest takes it before any lesson; it is stored, not counted, and shown on the course page', async () => {
		const page = await pretestRoute.loader({ request: get(`/courses/${POOLED}/pretest?lng=en`), params: { course: POOLED }, context: {} })
		expect(page.form.questions).toHaveLength(4)
		const answers = Object.fromEntries(page.form.questions.map((question, index) => [question.id, index === 0 ? RIGHT[question.id]! : []]))
		const response = (await pretestPost({}, fields(page.form, answers))) as Response
		expect(response.status).toBe(302)
		const headers = { Cookie: response.headers.get('Set-Cookie')!.split(';')[0]! }
		const learner = await prisma.learner.findFirstOrThrow({ where: { pretests: { some: {} } }, orderBy: { createdAt: 'desc' }, select: { id: true } })
		expect(await prisma.pretestAttempt.findFirstOrThrow({ where: { learnerId: learner.id } })).toMatchObject({ score: 1, maxScore: 4 })
		expect(await prisma.quizAttempt.count({ where: { learnerId: learner.id } })).toBe(0)
		const course = await courseRoute.loader({ request: get(`/courses/${POOLED}?lng=en`, headers), params: { course: POOLED }, context: {} })
		expect(course.assessment).toMatchObject({ pretestOffered: false, pretest: { score: 1, maxScore: 4 }, passed: false })
		// Once taken, it is not offered again.
		expect((await thrown(pretestRoute.loader({ request: get(`/courses/${POOLED}/pretest`, headers), params: { course: POOLED }, context: {} }))).status).toBe(302)
	})

	test('a pre-test form is not a quiz form, and a quiz form is not a pre-test form', async () => {
		const learner = await readyLearner()
		const pretest = await pretestRoute.loader({ request: get(`/courses/${POOLED}/pretest?lng=en`, learner.headers), params: { course: POOLED }, context: {} })
		expect((await thrown(submit(learner.headers, fields(pretest.form, RIGHT)))).status).toBe(400)
		const quiz = await openForm(learner.headers)
		expect((await thrown(pretestPost(learner.headers, fields(quiz, RIGHT)))).status).toBe(400)
		expect(await prisma.quizAttempt.count({ where: { learnerId: learner.id } })).toBe(0)
		expect(await prisma.pretestAttempt.count({ where: { learnerId: learner.id } })).toBe(0)
	})

	test('a course without pretest: true has none (404)', async () => {
		expect((await thrown(pretestRoute.loader({ request: get('/courses/sample-course/pretest'), params: { course: 'sample-course' }, context: {} }))).status).toBe(404)
	})

	test('the group dashboard shows before and after for learners who took both, only from the minimum group size', async () => {
		const { org, owner } = await (async () => {
			const owner = await createUser(prisma, { displayName: 'Owner' })
			const org = await createOrganisation(prisma, { name: `Gain ${randomBytes(3).toString('hex')}`, ownerId: owner.id })
			// Aggregate-only rules are for administrators and report viewers; owners keep the individual view.
			const admin = await createUser(prisma, { displayName: 'Administrator' })
			await prisma.membership.create({ data: { orgId: org.id, userId: admin.id, role: 'admin' } })
			return { org, owner: admin }
		})()
		await prisma.organisation.update({ where: { id: org.id }, data: { aggregateOnly: true, minReportGroupSize: 3 } })
		const group = await createGroup(prisma, org.id)
		await prisma.assignment.create({ data: { groupId: group.id, courseSlug: POOLED } })
		const addLearner = async (before: number, after: number) => {
			const user = await createUser(prisma)
			await addGroupMembers(prisma, group.id, [user.id])
			const learnerId = user.learner!.id
			await prisma.pretestAttempt.create({ data: { learnerId, courseSlug: POOLED, courseVersion: '1', token: `p-${learnerId}`, layout: '[]', answers: '[]', score: before, maxScore: 4, drawSeed: 1 } })
			await prisma.quizAttempt.create({ data: { learnerId, courseSlug: POOLED, courseVersion: '1', locale: 'en', token: `q-${learnerId}`, layout: '[]', submittedAt: new Date(), score: after, maxScore: 4, passed: after >= 3 } })
		}
		const dashboard = async () => {
			const { loader } = await import('~/routes/orgs.$org.groups.$group.tsx')
			const headers = { Cookie: (await createSession(owner.id)).split(';')[0]! }
			const page = await loader({ request: get(`/orgs/${org.slug}/groups/${group.id}?lng=en`, headers), params: { org: org.slug, group: group.id }, context: {} })
			return page.summaries.find((summary) => summary.courseSlug === POOLED)!.gain
		}
		await addLearner(1, 3)
		await addLearner(2, 4)
		expect(await dashboard()).toEqual({ shown: false, minimum: 3 })
		await addLearner(0, 3)
		expect(await dashboard()).toEqual({ shown: true, learners: 3, beforePercent: 25, afterPercent: 83 })
	})
})

describe('choices in lessons (practice)', () => {
	const practice = (headers: Record<string, string>, form: Record<string, string>) =>
		practiceRoute.action({ request: new Request(`http://localhost/courses/${POOLED}/lessons/control/practice?lng=en`, { method: 'POST', body: new URLSearchParams(form), headers }), params: { course: POOLED, lesson: 'control' }, context: {} })

	test('a choice is saved as practice and the lesson shows it back; it is never graded', async () => {
		const learner = await readyLearner()
		const response = (await practice(learner.headers, { choice: 'phone-check', pick: '1' })) as Response
		expect(response.status).toBe(302)
		expect(response.headers.get('Location')).toBe(`/courses/${POOLED}/lessons/control#choice-phone-check`)
		const lesson = await lessonRoute.loader({ request: get(`/courses/${POOLED}/lessons/control?lng=en`, learner.headers), params: { course: POOLED, lesson: 'control' }, context: {} })
		expect(lesson.practice).toEqual({ action: `/courses/${POOLED}/lessons/control/practice`, picks: { 'phone-check': 1 } })
		await practice(learner.headers, { choice: 'phone-check', pick: '2' })
		expect(await prisma.practiceChoice.findMany({ where: { learnerId: learner.id }, select: { choiceId: true, pick: true } })).toEqual([{ choiceId: 'phone-check', pick: 2 }])
		expect(await prisma.quizAttempt.count({ where: { learnerId: learner.id } })).toBe(0)
	})

	test.each([
		['a choice the lesson does not have', { choice: 'other', pick: '0' }],
		['a pick beyond its options', { choice: 'phone-check', pick: '3' }],
		['a negative pick', { choice: 'phone-check', pick: '-1' }],
		['no pick', { choice: 'phone-check' }],
	])('%s → 400, nothing saved', async (_name, form) => {
		const learner = await readyLearner()
		expect((await thrown(practice(learner.headers, form as Record<string, string>))).status).toBe(400)
		expect(await prisma.practiceChoice.count({ where: { learnerId: learner.id } })).toBe(0)
	})
})

describe('the passed path', () => {
	async function guestWhoPassed() {
		const learner = await readyLearner('sample-course', ['first-lesson', 'second-lesson', 'third-lesson'])
		await attemptId(submit(learner.headers, fields(await openForm(learner.headers, 'sample-course'), SAMPLE_RIGHT), 'sample-course'))
		return learner
	}

	test('a guest who passes and signs up lands on the name form; /account lists the pass, then the certificate', async () => {
		const guest = await guestWhoPassed()
		const login = `passer-${randomBytes(4).toString('hex')}`
		const response = (await signupRoute.action({
			request: new Request('http://localhost/signup?lng=en', { method: 'POST', body: new URLSearchParams({ displayName: 'Aruzhan', login, password: 'a-long-password' }), headers: guest.headers }),
			params: {},
			context: context(),
		})) as Response
		expect(response.headers.get('Location')).toBe('/courses/sample-course/certificate')
		const headers = { Cookie: response.headers.getSetCookie().filter((cookie) => !/Max-Age=0/.test(cookie)).map((cookie) => cookie.split(';')[0]).join('; ') }
		const claim = await certificateRoute.loader({ request: get('/courses/sample-course/certificate?lng=en', headers), params: { course: 'sample-course' }, context: {} })
		expect(claim).toMatchObject({ eligible: true, holderName: 'Aruzhan', title: 'You passed — get your certificate' })
		const account = await accountRoute.loader({ request: get('/account?lng=en', headers), params: {}, context: {} })
		expect(account.waiting).toEqual([{ slug: 'sample-course', course: 'Sample course' }])

		const issued = (await certificateRoute.action({
			request: new Request('http://localhost/courses/sample-course/certificate', { method: 'POST', body: new URLSearchParams({ holderName: 'Aruzhan Serikova' }), headers }),
			params: { course: 'sample-course' },
			context: {},
		})) as Response
		expect(issued.headers.get('Location')).toMatch(/^\/certificates\/[0-9A-Z-]+$/)
		const after = await accountRoute.loader({ request: get('/account?lng=en', headers), params: {}, context: {} })
		expect(after.waiting).toEqual([])
		expect(after.certificates).toHaveLength(1)
		const course = await courseRoute.loader({ request: get('/courses/sample-course?lng=en', headers), params: { course: 'sample-course' }, context: {} })
		expect(course.assessment).toMatchObject({ passed: true, certificateCode: issued.headers.get('Location')!.split('/').pop() })
		// Once issued, the name form leads to the certificate.
		expect((await thrown(certificateRoute.loader({ request: get('/courses/sample-course/certificate', headers), params: { course: 'sample-course' }, context: {} }))).status).toBe(302)
	})

	test('signing in after passing as a guest lands there too; an asked-for page wins', async () => {
		const email = `passer-${randomBytes(4).toString('hex')}@example.org`
		const user = await createUser(prisma, { email })
		await prisma.password.create({ data: { userId: user.id, hash: await hashPassword('correct horse battery') } })
		const signIn = async (extra: Record<string, string>, headers: Record<string, string>) =>
			(
				(await loginRoute.action({
					request: new Request('http://localhost/login', { method: 'POST', body: new URLSearchParams({ intent: 'account', login: email, password: 'correct horse battery', ...extra }), headers }),
					params: {},
					context: context(),
				})) as Response
			).headers.get('Location')
		expect(await signIn({}, (await guestWhoPassed()).headers)).toBe('/courses/sample-course/certificate')
		expect(await signIn({ redirectTo: '/orgs' }, {})).toBe('/orgs')
	})

	test('the name form needs a signed-in learner who passed; others are sent to sign in or told what is missing', async () => {
		expect((await thrown(certificateRoute.loader({ request: get('/courses/sample-course/certificate'), params: { course: 'sample-course' }, context: {} }))).status).toBe(302)
		const user = await createUser(prisma)
		const headers = { Cookie: (await createSession(user.id)).split(';')[0]! }
		expect(await certificateRoute.loader({ request: get('/courses/sample-course/certificate?lng=en', headers), params: { course: 'sample-course' }, context: {} })).toMatchObject({ eligible: false })
		const refused = (await certificateRoute.action({
			request: new Request('http://localhost/courses/sample-course/certificate', { method: 'POST', body: new URLSearchParams({ holderName: 'Someone' }), headers }),
			params: { course: 'sample-course' },
			context: {},
		})) as unknown as { init: { status: number } }
		expect(refused.init.status).toBe(400)
		expect(await prisma.certificate.count({ where: { userId: user.id } })).toBe(0)
	})
})
