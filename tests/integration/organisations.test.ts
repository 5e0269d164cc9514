import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { createSession } from '~/auth/session.server.ts'
import { prisma } from '~/utils/db.server.ts'
import * as homeRoute from '~/routes/_index.tsx'
import * as joinRoute from '~/routes/join.tsx'
import * as orgRoute from '~/routes/orgs.$org._index.tsx'
import * as groupRoute from '~/routes/orgs.$org.groups.$group.tsx'
import * as orgsRoute from '~/routes/orgs._index.tsx'
import { createUser } from '~/models/factories.server.ts'
import { get, thrown } from '../setup/requests.ts'

async function signedIn(displayName = `User ${randomBytes(2).toString('hex')}`) {
	const user = await createUser(prisma, { displayName })
	return { id: user.id, headers: { Cookie: (await createSession(user.id)).split(';')[0]! } }
}

const post = (url: string, fields: Record<string, string>, headers: Record<string, string>) =>
	new Request(`http://localhost${url}`, { method: 'POST', body: new URLSearchParams(fields), headers })

async function orgWithGroup() {
	const teacher = await signedIn('Aigerim')
	const created = (await orgsRoute.action({ request: post('/orgs', { name: 'School No. 7', kind: 'school' }, teacher.headers), params: {}, context: {} })) as Response
	const orgSlug = created.headers.get('Location')!.split('/').pop()!
	const grouped = (await orgRoute.action({ request: post(`/orgs/${orgSlug}`, { name: '8 B' }, teacher.headers), params: { org: orgSlug }, context: {} })) as Response
	const groupId = grouped.headers.get('Location')!.split('/').pop()!
	return { teacher, orgSlug, groupId }
}

describe('organisations, groups and assignments', () => {
	test('a teacher creates an organisation and a class, a learner joins with the code, and the course is assigned', async () => {
		const { teacher, orgSlug, groupId } = await orgWithGroup()
		const group = await prisma.group.findUniqueOrThrow({ where: { id: groupId }, select: { joinCode: true } })
		const learner = await signedIn('Dias')
		const joined = (await joinRoute.action({ request: post('/join', { code: group.joinCode.toLowerCase() }, learner.headers), params: {}, context: {} })) as Response
		expect(joined.headers.get('Location')).toBe('/')

		await groupRoute.action({ request: post(`/orgs/${orgSlug}/groups/${groupId}`, { course: 'sample-course', dueAt: '2020-01-01' }, teacher.headers), params: { org: orgSlug, group: groupId }, context: {} })
		const page = await groupRoute.loader({ request: get(`/orgs/${orgSlug}/groups/${groupId}?lng=en`, teacher.headers), params: { org: orgSlug, group: groupId }, context: {} })
		expect(page.summaries).toHaveLength(1)
		expect(page.summaries[0]).toMatchObject({ courseSlug: 'sample-course', title: 'Sample course', dueAt: '2020-01-01', counts: { 'not-started': 1 } })
		expect(page.summaries[0]!.learners[0]).toMatchObject({ displayName: 'Dias', status: 'not-started', overdue: true })

		const home = await homeRoute.loader({ request: get('/?lng=en', learner.headers), params: {}, context: {} })
		expect(home.assigned).toEqual([{ slug: 'sample-course', title: 'Sample course', group: '8 B', dueAt: '2020-01-01', overdue: true, done: false }])
	})

	test('no one else sees or changes the organisation', async () => {
		const { orgSlug, groupId } = await orgWithGroup()
		const stranger = await signedIn()
		expect((await thrown(orgRoute.loader({ request: get(`/orgs/${orgSlug}`, stranger.headers), params: { org: orgSlug }, context: {} }))).status).toBe(403)
		expect((await thrown(groupRoute.loader({ request: get('/x', stranger.headers), params: { org: orgSlug, group: groupId }, context: {} }))).status).toBe(403)
		expect((await thrown(groupRoute.action({ request: post('/x', { course: 'sample-course' }, stranger.headers), params: { org: orgSlug, group: groupId }, context: {} }))).status).toBe(403)
		expect((await thrown(orgRoute.loader({ request: get('/x'), params: { org: orgSlug }, context: {} }))).status).toBe(302)
		// A group of another organisation is not found under this one.
		const other = await orgWithGroup()
		expect((await thrown(groupRoute.loader({ request: get('/x', other.teacher.headers), params: { org: other.orgSlug, group: groupId }, context: {} }))).status).toBe(404)
		// Learners of the organisation are not teachers.
		const group = await prisma.group.findUniqueOrThrow({ where: { id: groupId }, select: { joinCode: true } })
		const learner = await signedIn()
		await joinRoute.action({ request: post('/join', { code: group.joinCode }, learner.headers), params: {}, context: {} })
		expect((await thrown(orgRoute.loader({ request: get('/x', learner.headers), params: { org: orgSlug }, context: {} }))).status).toBe(403)
	})

	test('bad input: translated 400s and nothing written', async () => {
		const { teacher, orgSlug, groupId } = await orgWithGroup()
		const before = await Promise.all([prisma.organisation.count(), prisma.group.count(), prisma.assignment.count()])
		const bad = async (promise: Promise<unknown>) => ((await promise) as { init: { status: number } }).init.status
		expect(await bad(orgsRoute.action({ request: post('/orgs', { name: '', kind: 'school' }, teacher.headers), params: {}, context: {} }))).toBe(400)
		expect(await bad(orgsRoute.action({ request: post('/orgs', { name: 'X'.repeat(500), kind: 'castle' }, teacher.headers), params: {}, context: {} }))).toBe(400)
		expect(await bad(orgRoute.action({ request: post('/x', { name: '<b>\u0000</b>' }, teacher.headers), params: { org: orgSlug }, context: {} }))).toBe(400)
		expect(await bad(groupRoute.action({ request: post('/x', { course: 'no-such-course' }, teacher.headers), params: { org: orgSlug, group: groupId }, context: {} }))).toBe(400)
		expect(await bad(groupRoute.action({ request: post('/x', { course: 'sample-course', dueAt: '2026-13-45' }, teacher.headers), params: { org: orgSlug, group: groupId }, context: {} }))).toBe(400)
		const learner = await signedIn()
		expect(await bad(joinRoute.action({ request: post('/join', { code: 'NOPE' }, learner.headers), params: {}, context: {} }))).toBe(400)
		expect(await Promise.all([prisma.organisation.count(), prisma.group.count(), prisma.assignment.count()])).toEqual(before)
	})
})
