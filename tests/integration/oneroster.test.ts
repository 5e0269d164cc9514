// OneRoster 1.2 CSV import through the real route (multipart, as the page posts it) on the real
// SQLite file: preview, confirm, import again (nothing changes), refusals.
import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { createSession } from '~/auth/session.server.ts'
import { createGroup, createOrganisation, createPupil, createUser } from '~/models/factories.server.ts'
import * as importRoute from '~/routes/orgs.$org.import.oneroster.tsx'
import * as loginRoute from '~/routes/login.tsx'
import { prisma } from '~/utils/db.server.ts'
import { rosterFiles, rosterZip } from '../fixtures/oneroster.ts'
import { get, thrown } from '../setup/requests.ts'

const unique = () => randomBytes(4).toString('hex')

async function signedIn(displayName = `User ${unique()}`) {
	const user = await createUser(prisma, { displayName })
	return { id: user.id, headers: { Cookie: (await createSession(user.id)).split(';')[0]! } }
}

async function school() {
	const owner = await signedIn('Owner')
	const org = await createOrganisation(prisma, { ownerId: owner.id })
	return { owner, org, params: { org: org.slug } }
}

function upload(fields: Record<string, string | Blob>, headers: Record<string, string>) {
	const body = new FormData()
	for (const [name, value] of Object.entries(fields)) {
		if (value instanceof Blob) body.append(name, value, 'roster.zip')
		else body.append(name, value)
	}
	return new Request('http://localhost/orgs/x/import/oneroster?lng=en', { method: 'POST', body, headers })
}

type Preview = {
	stage: 'preview' | 'error' | 'done'
	error?: string
	zip?: string
	fingerprint?: string
	writes?: boolean
	counts?: { classes: number; students: number; linked: number; added: number; unchanged: number }
	classes?: { title: string; action: string; members: { name: string; username: string | null; status: string; membership: string }[] }[]
	others?: { name: string; role: string }[]
	cards?: { name: string; username: string; pin: string }[]
}

async function send(params: { org: string }, headers: Record<string, string>, fields: Record<string, string | Blob>) {
	const { data, init } = (await importRoute.action({ request: upload(fields, headers), params, context: {} })) as unknown as { data: Preview; init: ResponseInit | null }
	return { data, status: init?.status ?? 200, headers: new Headers(init?.headers) }
}
const zipFile = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)], { type: 'application/zip' })

const world = () => Promise.all([prisma.user.count(), prisma.membership.count(), prisma.groupMember.count(), prisma.group.count(), prisma.oneRosterUser.count(), prisma.oneRosterClass.count()])

describe('OneRoster import', () => {
	test('preview per class writes nothing; confirm creates classes, pupils and memberships; importing again changes nothing', async () => {
		const { owner, org, params } = await school()
		// A class made by hand with the roster's name, and a pupil already there with the roster's username.
		const handMade = await createGroup(prisma, org.id, { name: '7 Ә' })
		const anna = await createPupil(prisma, org.id, { displayName: 'Анна Петрова', username: 'anna.p' })
		const before = await world()
		const preview = await send(params, owner.headers, { intent: 'preview', file: zipFile(rosterZip()) })
		expect(preview.status).toBe(200)
		expect(preview.headers.get('Cache-Control')).toBe('no-store')
		expect(await world()).toEqual(before)
		expect(preview.data.counts).toEqual({ classes: 1, students: 2, linked: 2, added: 4, unchanged: 0 })
		expect(preview.data.classes!.map((c) => [c.title, c.action, c.members.map((m) => `${m.name}/${m.username ?? '-'}/${m.status}`)])).toEqual([
			['7 А', 'a new class will be created', ['Әлия Серік/aliya.serik/New account', 'Диас Нұрланов/dias.nurlanov/New account']],
			['7 Ә', 'an existing class of the same name will be used', ['Анна Петрова/-/Existing account', 'Әлия Серік/aliya.serik/New account']],
		])
		expect(preview.data.others).toEqual([{ name: 'Гүлнар Ахметова', role: 'teacher' }])

		const done = await send(params, owner.headers, { intent: 'commit', zip: preview.data.zip!, fingerprint: preview.data.fingerprint! })
		expect(done.status).toBe(200)
		expect(done.data.stage).toBe('done')
		expect(done.data.cards!.map((c) => c.username)).toEqual(['aliya.serik', 'dias.nurlanov'])
		const groups = await prisma.group.findMany({ where: { orgId: org.id }, select: { id: true, name: true, members: { select: { user: { select: { displayName: true } } } } }, orderBy: { name: 'asc' } })
		expect(groups.map((g) => [g.name, g.members.map((m) => m.user.displayName).sort()])).toEqual([
			['7 А', ['Диас Нұрланов', 'Әлия Серік']],
			['7 Ә', ['Анна Петрова', 'Әлия Серік']],
		])
		expect(groups.find((g) => g.name === '7 Ә')!.id).toBe(handMade.id)
		expect((await prisma.oneRosterUser.findUniqueOrThrow({ where: { orgId_sourcedId: { orgId: org.id, sourcedId: 'stu-3' } } })).userId).toBe(anna.id)
		// No account for the teacher.
		expect(await prisma.user.count({ where: { displayName: 'Гүлнар Ахметова' } })).toBe(0)
		const card = done.data.cards![0]!
		const signIn = await loginRoute.action({
			request: new Request('http://localhost/login', { method: 'POST', body: new URLSearchParams({ intent: 'pupil', orgCode: org.code, username: card.username, pin: card.pin }) }),
			params: {},
			context: { clientIp: '10.77.0.1' },
		})
		expect((signIn as Response).status).toBe(302)

		// The same zip again: everything is in place, and even a forced confirmation writes nothing.
		const after = await world()
		const again = await send(params, owner.headers, { intent: 'preview', file: zipFile(rosterZip()) })
		expect(again.data.counts).toEqual({ classes: 0, students: 0, linked: 0, added: 0, unchanged: 4 })
		expect(again.data.writes).toBe(false)
		const forced = await send(params, owner.headers, { intent: 'commit', zip: again.data.zip!, fingerprint: again.data.fingerprint! })
		expect(forced.data.cards).toEqual([])
		// A double click on the first confirmation finds the changed plan and writes nothing more.
		const twice = await send(params, owner.headers, { intent: 'commit', zip: preview.data.zip!, fingerprint: preview.data.fingerprint! })
		expect(twice.status).toBe(409)
		expect(await world()).toEqual(after)
	})

	test('two students of the roster with one username: the second gets one made from the name', async () => {
		const { owner, params } = await school()
		const files = rosterFiles()
		files['users.csv'] = files['users.csv']!.replace('anna.p', 'aliya.serik')
		const preview = await send(params, owner.headers, { intent: 'preview', file: zipFile(rosterZip(files)) })
		const done = await send(params, owner.headers, { intent: 'commit', zip: preview.data.zip!, fingerprint: preview.data.fingerprint! })
		expect(done.data.cards!.map((c) => c.username).sort()).toEqual(['aliya.serik', 'anna.petrova', 'dias.nurlanov'])
	})

	test('a confirmation with another zip than the preview is planned again, not written', async () => {
		const { owner, params } = await school()
		const preview = await send(params, owner.headers, { intent: 'preview', file: zipFile(rosterZip()) })
		const files = rosterFiles()
		files['users.csv'] = files['users.csv']!.replace('Диас', 'Маллори')
		const before = await world()
		const tampered = await send(params, owner.headers, { intent: 'commit', zip: Buffer.from(rosterZip(files)).toString('base64'), fingerprint: preview.data.fingerprint! })
		expect(tampered.status).toBe(409)
		expect(await world()).toEqual(before)
		const garbage = await send(params, owner.headers, { intent: 'commit', zip: '<script>', fingerprint: 'x' })
		expect(garbage.status).toBe(400)
	})

	test('bad zips get a translated 400 naming the file and line', async () => {
		const { owner, params } = await school()
		const error = async (bytes: Uint8Array) => {
			const result = await send(params, owner.headers, { intent: 'preview', file: zipFile(bytes) })
			return [result.status, result.data.error]
		}
		expect(await error(new TextEncoder().encode('name\nӘлия\n'))).toEqual([400, 'This is not a zip file. Export the roster from your information system as a OneRoster CSV zip.'])
		const files = rosterFiles()
		files['enrollments.csv'] += '\r\nenr-9,active,,class-7a,org-1,stu-404,student,false,,'
		expect(await error(rosterZip(files))).toEqual([400, 'enrollments.csv, line 7: userSourcedId stu-404 is not in users.csv.'])
		const noClasses = rosterFiles()
		delete noClasses['classes.csv']
		expect(await error(rosterZip(noClasses))).toEqual([400, 'The zip has no classes.csv.'])
		expect((await send(params, owner.headers, { intent: 'preview' })).data.error).toBe('Choose a OneRoster zip to upload.')
		const urlencoded = await importRoute.action({ request: new Request('http://localhost/x?lng=en', { method: 'POST', body: new URLSearchParams({ intent: 'preview' }), headers: owner.headers }), params, context: {} })
		expect((urlencoded as unknown as { init: ResponseInit }).init.status).toBe(400)
	})

	test('an administrator of the school may import', async () => {
		const { org, params } = await school()
		const admin = await signedIn()
		await prisma.membership.create({ data: { orgId: org.id, userId: admin.id, role: 'admin' } })
		const preview = await send(params, admin.headers, { intent: 'preview', file: zipFile(rosterZip()) })
		expect(preview.data.counts).toMatchObject({ classes: 2, students: 3 })
	})

	test("refused to a report viewer, a learner, another organisation's owner, anyone signed out; a workplace has no such page", async () => {
		const { org, params } = await school()
		const learner = await signedIn()
		await prisma.membership.create({ data: { orgId: org.id, userId: learner.id, role: 'learner' } })
		const viewer = await signedIn()
		await prisma.membership.create({ data: { orgId: org.id, userId: viewer.id, role: 'viewer' } })
		const otherOwner = await signedIn()
		await createOrganisation(prisma, { ownerId: otherOwner.id })
		const workplaceOwner = await signedIn()
		const workplace = await createOrganisation(prisma, { ownerId: workplaceOwner.id, kind: 'workplace' })
		const before = await world()
		const inWorkplace = await thrown(importRoute.action({ request: upload({ intent: 'preview', file: zipFile(rosterZip()) }, workplaceOwner.headers), params: { org: workplace.slug }, context: {} }))
		expect(inWorkplace.status).toBe(404)
		for (const visitor of [viewer, learner, otherOwner]) {
			expect((await thrown(importRoute.loader({ request: get('/x', visitor.headers), params, context: {} }))).status).toBe(403)
			expect((await thrown(importRoute.action({ request: upload({ intent: 'preview', file: zipFile(rosterZip()) }, visitor.headers), params, context: {} }))).status).toBe(403)
		}
		expect((await thrown(importRoute.action({ request: upload({ intent: 'preview', file: zipFile(rosterZip()) }, {}), params, context: {} }))).status).toBe(302)
		expect(await world()).toEqual(before)
	})
})
