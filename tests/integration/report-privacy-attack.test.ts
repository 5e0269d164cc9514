// Issue 17's privacy attack, replayed against the real routes: under aggregate-only reports, a
// manager who builds teams to single out one learner (four dummy accounts plus the target added
// by email through the CSV upload; two teams that differ by one person; reading before and after
// she answers) learns nothing about her answers or her progress.
import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { findCourse } from '~/courses/catalog.server.ts'
import { createSession } from '~/auth/session.server.ts'
import { prisma } from '~/utils/db.server.ts'
import * as enrolRoute from '~/routes/orgs.$org.groups.$group_.enrol.tsx'
import * as groupRoute from '~/routes/orgs.$org.groups.$group.tsx'
import * as groupExport from '~/routes/orgs.$org.groups.$group_.export.ts'
import * as pupilsRoute from '~/routes/orgs.$org.groups.$group_.pupils.tsx'
import * as settingsRoute from '~/routes/orgs.$org.settings.tsx'
import { completeLessons, createGroup, createOrganisation, createUser } from '~/models/factories.server.ts'
import { get, post, thrown } from '../setup/requests.ts'

const course = findCourse('sample-course')!
const context = {}
const MINIMUM = 5
// What the target answered: the wrong option nobody else chose, on both questions she drew.
const TARGET_ANSWERS = { 'call-for-help': { chosen: ['confront'], correct: false }, forms: { chosen: ['weather'], correct: false } }
const RIGHT_ANSWERS = { 'call-for-help': { chosen: ['call'], correct: true }, forms: { chosen: ['money', 'shouting'], correct: true } }
let clock = Date.UTC(2026, 10, 1, 9)

const tag = () => randomBytes(3).toString('hex')
const headersOf = async (userId: string) => ({ Cookie: (await createSession(userId)).split(';')[0]! })

async function answer(userId: string, answers: Record<string, { chosen: string[]; correct: boolean }>) {
	const { learner } = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { learner: { select: { id: true } } } })
	const entries = Object.entries(answers)
	clock += 60_000
	await prisma.quizAttempt.create({
		data: {
			learnerId: learner!.id,
			courseSlug: course.slug,
			courseVersion: course.meta.version,
			locale: 'en',
			token: randomBytes(8).toString('hex'),
			layout: '[]',
			submittedAt: new Date(clock),
			score: entries.filter(([, value]) => value.correct).length,
			maxScore: entries.length,
			passed: false,
			answers: { create: entries.map(([questionId, value]) => ({ questionId, chosen: JSON.stringify(value.chosen), correct: value.correct })) },
		},
	})
}

async function workplace() {
	const owner = await createUser(prisma, { displayName: `Owner ${tag()}` })
	// A school: a workplace has no PIN accounts or class CSV (decision 020), so the dummies and the
	// target's addition by email, the attack's tools, are only there.
	const org = await createOrganisation(prisma, { kind: 'school', ownerId: owner.id })
	const manager = await createUser(prisma, { displayName: `Manager ${tag()}` })
	await prisma.membership.create({ data: { orgId: org.id, userId: manager.id, role: 'admin' } })
	const viewer = await createUser(prisma, { displayName: `Viewer ${tag()}` })
	await prisma.membership.create({ data: { orgId: org.id, userId: viewer.id, role: 'viewer' } })
	const saved = await settingsRoute.action({ request: post('/x', { aggregateOnly: 'on', minReportGroupSize: String(MINIMUM) }, await headersOf(owner.id)), params: { org: org.slug }, context })
	expect((saved as Response).status).toBe(302)
	const email = `target-${tag()}@example.org`
	const target = await createUser(prisma, { displayName: `Target ${tag()}`, email })
	return { org, manager: await headersOf(manager.id), viewer: await headersOf(viewer.id), target: { id: target.id, email } }
}

type World = Awaited<ReturnType<typeof workplace>>

async function team(world: World, name: string) {
	const group = await createGroup(prisma, world.org.id, { name })
	await prisma.assignment.create({ data: { groupId: group.id, courseSlug: course.slug } })
	return { org: world.org.slug, group: group.id }
}

/** Dummy accounts made on the pupils page: the manager gets their PINs and answers for them. */
async function dummies(world: World, params: { org: string; group: string }, count: number) {
	const names = Array.from({ length: count }, (_, index) => `Dummy ${String.fromCharCode(65 + index)} ${tag()}`).join('\n')
	const result = (await pupilsRoute.action({ request: post('/x?lng=en', { intent: 'create', names }, world.manager), params, context })) as { data: { cards: { username: string }[] } }
	expect(result.data.cards).toHaveLength(count)
	const users = await prisma.user.findMany({ where: { pupilOrgId: world.org.id, pupilUsername: { in: result.data.cards.map((card) => card.username) } }, select: { id: true } })
	for (const user of users) await answer(user.id, RIGHT_ANSWERS)
	return users
}

/** The CSV upload, preview then confirm, adding existing accounts by their email. */
async function enrolByEmail(world: World, params: { org: string; group: string }, people: { email: string; name: string }[]) {
	const csv = `name,email\r\n${people.map((person) => `${person.name},${person.email}`).join('\r\n')}\r\n`
	const upload = (fields: Record<string, string | Blob>) => {
		const body = new FormData()
		for (const [key, value] of Object.entries(fields)) {
			if (value instanceof Blob) body.append(key, value, 'staff.csv')
			else body.append(key, value)
		}
		return new Request('http://localhost/x?lng=en', { method: 'POST', body, headers: world.manager })
	}
	const preview = (await enrolRoute.action({ request: upload({ intent: 'preview', file: new Blob([csv], { type: 'text/csv' }) }), params, context })) as { data: { text: string; fingerprint: string } }
	const done = (await enrolRoute.action({ request: upload({ intent: 'commit', csv: preview.data.text, fingerprint: preview.data.fingerprint }), params, context })) as { data: { stage: string; added: number } }
	expect(done.data).toMatchObject({ stage: 'done', added: people.length })
}

async function colleagues(world: World, count: number) {
	const people = []
	for (let index = 0; index < count; index++) {
		const email = `colleague-${tag()}@example.org`
		const user = await createUser(prisma, { displayName: `Colleague ${tag()}`, email })
		await answer(user.id, RIGHT_ANSWERS)
		people.push({ id: user.id, email, name: `Colleague ${index}` })
	}
	return people
}

/** Everything the manager (or the viewer) reads about the team's course: the page and both CSVs. */
async function read(headers: Record<string, string>, params: { org: string; group: string }) {
	const page = await groupRoute.loader({ request: get('/x?lng=en', headers), params, context })
	const summary = page.summaries.find((candidate) => candidate.courseSlug === course.slug)!
	const items = await groupExport.loader({ request: get(`/x?lng=en&course=${course.slug}&table=items`, headers), params, context }).then(
		async (response) => ({ status: (response as Response).status, csv: await (response as Response).text() }),
		async (error) => ({ status: (await thrown(Promise.reject(error))).status, csv: '' }),
	)
	const learners = await thrown(groupExport.loader({ request: get(`/x?course=${course.slug}&table=learners`, headers), params, context }))
	expect(learners.status).toBe(403)
	return { summary, items, page: JSON.stringify(page) }
}

/** Nothing the reader got singles a person out: no small count, no one's name, no row. */
function expectNothingIndividual(seen: Awaited<ReturnType<typeof read>>, targetName?: string) {
	expect(seen.summary.learners).toEqual([])
	expect(seen.summary.overdue).toBeNull()
	if (targetName) expect(seen.page).not.toContain(targetName)
	for (const count of Object.values(seen.summary.counts ?? {})) if (count !== null) expect(count === 0 || count >= MINIMUM).toBe(true)
	for (const item of seen.summary.items) {
		if (item.answered !== null) expect(item.answered).toBeGreaterThanOrEqual(MINIMUM)
		if (item.mostChosenWrong) expect(item.mostChosenWrong.count).toBeGreaterThanOrEqual(MINIMUM)
	}
}

describe('the aggregate-only attack of issue 17', () => {
	test('four dummy accounts plus the target added by email: no totals, no item statistics, for the manager or a viewer', async () => {
		const world = await workplace()
		await answer(world.target.id, TARGET_ANSWERS)
		const params = await team(world, 'Quiet team')
		await dummies(world, params, 4)
		await enrolByEmail(world, params, [{ email: world.target.email, name: 'Target' }])
		expect(await prisma.groupMember.count({ where: { groupId: params.group } })).toBe(5)

		for (const headers of [world.manager, world.viewer]) {
			const seen = await read(headers, params)
			expect(seen.summary).toMatchObject({ counts: null, withheld: 'fewRespondents', items: [] })
			expect(seen.items.status).toBe(403)
			expectNothingIndividual(seen)
		}

		// More dummies do not help: four, or nine, accounts staff control and one person are one person.
		await dummies(world, params, 5)
		const seen = await read(world.manager, params)
		expect(seen.summary).toMatchObject({ counts: null, withheld: 'fewRespondents', items: [] })
		expect(seen.items.status).toBe(403)
		// Each PIN is an argon2id hash: on a busy two-core machine nine of them take a while.
	}, 120_000)

	test('two teams that differ by the target: neither shows anything to subtract', async () => {
		const world = await workplace()
		await answer(world.target.id, TARGET_ANSWERS)
		const people = await colleagues(world, 6)
		const without = await team(world, 'Team without her')
		const withHer = await team(world, 'Team with her')
		await enrolByEmail(world, without, people)
		await enrolByEmail(world, withHer, [...people, { email: world.target.email, name: 'Target' }])

		for (const params of [without, withHer]) {
			const seen = await read(world.manager, params)
			expect(seen.summary).toMatchObject({ counts: null, withheld: 'overlap', items: [] })
			expect(seen.items.status).toBe(403)
		}

		// A team far enough from every other is shown, and still nothing in it is anyone's alone.
		const others = await colleagues(world, 5)
		const apart = await team(world, 'Another floor')
		await enrolByEmail(world, apart, [...others, { email: world.target.email, name: 'Target' }])
		const seen = await read(world.manager, apart)
		expect(seen.summary.withheld).toBeNull()
		expect(seen.items.status).toBe(200)
		expectNothingIndividual(seen)
		// Her wrong answers were chosen by her alone: never named, never counted.
		const prompt = seen.summary.items.find((item) => item.id === 'call-for-help')!
		expect(prompt.mostChosenWrong).toBeNull()
		expect(seen.items.csv).not.toContain('Knock on the door yourself')
	})

	test('reading before and after the target answers gives the same figures', async () => {
		const world = await workplace()
		const people = await colleagues(world, 5)
		const params = await team(world, 'Before and after')
		await enrolByEmail(world, params, [...people, { email: world.target.email, name: 'Target' }])
		const before = await read(world.manager, params)
		expect(before.summary.withheld).toBeNull()
		await answer(world.target.id, TARGET_ANSWERS)
		const after = await read(world.manager, params)
		expect(after.summary.items).toEqual(before.summary.items)
		expect(after.items.csv).toBe(before.items.csv)
		expectNothingIndividual(after)
	})

	test('a small status count is hidden with enough others that the team size does not give it back', async () => {
		const world = await workplace()
		const people = await colleagues(world, 9)
		const params = await team(world, 'Status team')
		await enrolByEmail(world, params, [...people, { email: world.target.email, name: 'Target' }])
		// Only the target has begun the lessons: "in progress: 1" would be her.
		const { learner } = await prisma.user.findUniqueOrThrow({ where: { id: world.target.id }, select: { learner: { select: { id: true } } } })
		await completeLessons(prisma, learner!.id, course.slug, ['first-lesson'])
		const seen = await read(world.manager, params)
		expect(seen.summary.counts).not.toBeNull()
		expect(seen.summary.counts!['in-progress']).toBeNull()
		const hidden = Object.values(seen.summary.counts!).filter((count) => count === null)
		expect(hidden.length).toBeGreaterThanOrEqual(2)
		expectNothingIndividual(seen)
	})
})
