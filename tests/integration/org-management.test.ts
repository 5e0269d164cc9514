// Organisations beyond the first slice: invites, item statistics, CSV exports, the join poster,
// aggregate-only reports, and the members' certificates (list, expiring, revoke, CSV, zip).
import { randomBytes } from 'node:crypto'
import { unzipSync } from 'fflate'
import { describe, expect, test } from 'vitest'
import { findCourse } from '~/courses/catalog.server.ts'
import { issueCertificate } from '~/models/certificate.server.ts'
import { createSession } from '~/auth/session.server.ts'
import { prisma } from '~/utils/db.server.ts'
import * as accountRoute from '~/routes/account.tsx'
import * as inviteRoute from '~/routes/invite.$token.tsx'
import * as orgRoute from '~/routes/orgs.$org._index.tsx'
import * as certificatesRoute from '~/routes/orgs.$org.certificates.tsx'
import * as certificatesExport from '~/routes/orgs.$org.certificates_.export.ts'
import * as groupRoute from '~/routes/orgs.$org.groups.$group.tsx'
import * as groupExport from '~/routes/orgs.$org.groups.$group_.export.ts'
import * as posterRoute from '~/routes/orgs.$org.groups.$group_.poster.tsx'
import * as membersRoute from '~/routes/orgs.$org.members.tsx'
import * as settingsRoute from '~/routes/orgs.$org.settings.tsx'
import * as verifyCodeRoute from '~/routes/verify_.$code.tsx'
import { addGroupMembers, completeLessons, createGroup, createOrganisation, createPupils, createUser } from '~/models/factories.server.ts'
import { get, post, thrown } from '../setup/requests.ts'

const course = findCourse('sample-course')!
const LESSONS = ['first-lesson', 'second-lesson', 'third-lesson']
const context = {}

async function person(displayName = `Person ${randomBytes(2).toString('hex')}`) {
	const user = await createUser(prisma, { displayName })
	return { id: user.id, learnerId: user.learner!.id, displayName, headers: { Cookie: (await createSession(user.id)).split(';')[0]! } }
}
type Person = Awaited<ReturnType<typeof person>>

/** An organisation with an owner, an administrator, and a class of learners on the sample course. */
async function school({ learners = 3, kind = 'school' as 'school' | 'workplace' } = {}) {
	const owner = await person('Owner Aigerim')
	const org = await createOrganisation(prisma, { ownerId: owner.id, kind })
	const admin = await person('Teacher Dias')
	await prisma.membership.create({ data: { orgId: org.id, userId: admin.id, role: 'admin' } })
	const group = await createGroup(prisma, org.id)
	await prisma.assignment.create({ data: { groupId: group.id, courseSlug: 'sample-course', dueAt: new Date('2020-01-01T00:00:00Z') } })
	const members: Person[] = []
	for (let index = 0; index < learners; index++) {
		const learner = await person(`Learner ${index} ${randomBytes(2).toString('hex')}`)
		await prisma.membership.create({ data: { orgId: org.id, userId: learner.id, role: 'learner' } })
		await prisma.groupMember.create({ data: { groupId: group.id, userId: learner.id } })
		members.push(learner)
	}
	const params = { org: org.slug, group: group.id }
	return { org, group, owner, admin, members, params }
}

/** Records a submitted attempt with the given answers (question id → chosen options). */
async function attempt(learnerId: string, answers: Record<string, { chosen: string[]; correct: boolean }>, passed = false) {
	const entries = Object.entries(answers)
	await prisma.quizAttempt.create({
		data: {
			learnerId,
			courseSlug: 'sample-course',
			courseVersion: course.meta.version,
			locale: 'en',
			token: randomBytes(8).toString('hex'),
			layout: '[]',
			submittedAt: new Date(),
			score: entries.filter(([, answer]) => answer.correct).length,
			maxScore: entries.length,
			passed,
			answers: { create: entries.map(([questionId, answer]) => ({ questionId, chosen: JSON.stringify(answer.chosen), correct: answer.correct })) },
		},
	})
}

async function certify(learner: Person, holderName = learner.displayName) {
	await completeLessons(prisma, learner.learnerId, 'sample-course', LESSONS)
	await attempt(learner.learnerId, { 'call-for-help': { chosen: ['call'], correct: true } }, true)
	return (await issueCertificate({ userId: learner.id, learnerId: learner.learnerId, course, holderName, locale: 'en' }))!
}

const status = async (promise: Promise<unknown>) => {
	try {
		const result = await promise
		return result instanceof Response ? result.status : ((result as { init?: { status?: number } })?.init?.status ?? 200)
	} catch (error) {
		return (await thrown(Promise.reject(error))).status
	}
}

describe('invites', () => {
	test('an owner invites an administrator with a single-use link; it makes the invitee staff', async () => {
		const { org, owner } = await school({ learners: 0 })
		const created = (await membersRoute.action({ request: post(`/orgs/${org.slug}/members`, { intent: 'invite', role: 'admin' }, owner.headers), params: { org: org.slug }, context })) as { inviteUrl: string }
		const token = created.inviteUrl.split('/invite/')[1]!
		expect(token.length).toBeGreaterThanOrEqual(32)
		// Only the hash is stored.
		expect(await prisma.orgInvite.count({ where: { tokenHash: token } })).toBe(0)

		const invitee = await person('Invited Madina')
		const page = await inviteRoute.loader({ request: get(`/invite/${token}?lng=en`, invitee.headers), params: { token }, context })
		expect(page).toMatchObject({ org: { name: expect.any(String) }, role: 'admin', signedIn: true })
		const accepted = (await inviteRoute.action({ request: post(`/invite/${token}`, {}, invitee.headers), params: { token }, context })) as Response
		expect(accepted.headers.get('Location')).toBe(`/orgs/${org.slug}`)
		expect(await prisma.membership.findUnique({ where: { orgId_userId: { orgId: org.id, userId: invitee.id } }, select: { role: true } })).toEqual({ role: 'admin' })
		expect(await status(orgRoute.loader({ request: get(`/orgs/${org.slug}`, invitee.headers), params: { org: org.slug }, context }))).toBe(200)

		// Used once: a second person (or a replay) is refused with a translated 404.
		const other = await person()
		const replay = await thrown(inviteRoute.action({ request: post(`/invite/${token}?lng=en`, {}, other.headers), params: { token }, context }))
		expect(replay.status).toBe(404)
		expect(JSON.stringify(replay.body)).toContain('not valid')
		expect(await prisma.membership.count({ where: { orgId: org.id, userId: other.id } })).toBe(0)
	})

	test('expired, unknown and malformed tokens are refused; only owners invite', async () => {
		const { org, owner, admin } = await school({ learners: 0 })
		const created = (await membersRoute.action({ request: post('/x', { intent: 'invite', role: 'admin' }, owner.headers), params: { org: org.slug }, context })) as { inviteUrl: string }
		const token = created.inviteUrl.split('/invite/')[1]!
		await prisma.orgInvite.updateMany({ where: { orgId: org.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
		const invitee = await person()
		for (const bad of [token, 'x'.repeat(40), '../../etc', '']) {
			expect((await thrown(inviteRoute.loader({ request: get('/invite/x', invitee.headers), params: { token: bad }, context }))).status).toBe(404)
		}
		expect(await status(membersRoute.loader({ request: get('/x', admin.headers), params: { org: org.slug }, context }))).toBe(403)
		expect(await status(membersRoute.action({ request: post('/x', { intent: 'invite', role: 'admin' }, admin.headers), params: { org: org.slug }, context }))).toBe(403)
		expect(await status(membersRoute.action({ request: post('/x', { intent: 'invite', role: 'teacher' }, owner.headers), params: { org: org.slug }, context }))).toBe(400)
		expect(await status(inviteRoute.action({ request: post('/invite/x', {}), params: { token }, context }))).toBe(302)
	})

	test('owners remove staff, but never the last owner', async () => {
		const { org, owner, admin } = await school({ learners: 0 })
		const remove = (who: Person) => membersRoute.action({ request: post('/x?lng=en', { intent: 'remove', user: who.id }, owner.headers), params: { org: org.slug }, context })
		expect(await status(remove(owner))).toBe(400)
		expect(await status(remove(admin))).toBe(302)
		expect(await status(orgRoute.loader({ request: get('/x', admin.headers), params: { org: org.slug }, context }))).toBe(403)
		expect(await status(remove(admin))).toBe(404)
	})
})

describe('the group dashboard', () => {
	test('item statistics show the share right and the most chosen wrong option', async () => {
		const { admin, members, params } = await school()
		await attempt(members[0]!.learnerId, { 'call-for-help': { chosen: ['call'], correct: true } })
		await attempt(members[1]!.learnerId, { 'call-for-help': { chosen: ['wait'], correct: false } })
		await attempt(members[2]!.learnerId, { 'call-for-help': { chosen: ['wait'], correct: false } })
		const page = await groupRoute.loader({ request: get('/x?lng=en', admin.headers), params, context })
		const item = page.summaries[0]!.items.find((candidate) => candidate.id === 'call-for-help')!
		expect(item).toEqual({ id: 'call-for-help', prompt: 'What is the safest next step?', answered: 3, rightPercent: 33, mostChosenWrong: { text: 'Wait until morning', count: 2 } })
		expect(page.summaries[0]!.learners.filter((learner) => learner.overdue)).toHaveLength(3)
	})

	test('CSV exports: BOM, the learners and their status, formula-looking names made harmless', async () => {
		const { org, group, admin, params } = await school({ learners: 1 })
		const sneaky = await person('=HYPERLINK("http://evil")')
		await prisma.membership.create({ data: { orgId: org.id, userId: sneaky.id, role: 'learner' } })
		await prisma.groupMember.create({ data: { groupId: group.id, userId: sneaky.id } })
		await completeLessons(prisma, sneaky.learnerId, 'sample-course', ['first-lesson'])
		const response = (await groupExport.loader({ request: get('/x?course=sample-course&table=learners&lng=en', admin.headers), params, context })) as Response
		expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
		const text = Buffer.from(await response.arrayBuffer()).toString('utf8')
		expect(text.startsWith('\uFEFF"Name";"Status"')).toBe(true)
		expect(text).toContain(`"'=HYPERLINK(""http://evil"")";"In progress";"1"`)
		const items = (await groupExport.loader({ request: get('/x?course=sample-course&table=items&lng=en', admin.headers), params, context })) as Response
		expect(await items.text()).toContain('What is the safest next step?')
		for (const query of ['?course=nope&table=learners', '?course=sample-course&table=secrets', '']) {
			expect((await thrown(groupExport.loader({ request: get(`/x${query}`, admin.headers), params, context }))).status).toBe(400)
		}
		const stranger = await person()
		expect(await status(groupExport.loader({ request: get('/x?course=sample-course&table=learners', stranger.headers), params, context }))).toBe(403)
	})

	test('several courses are assigned at once; assigning again makes no duplicate', async () => {
		const { admin, group, params } = await school({ learners: 0 })
		const assign = (fields: [string, string][]) =>
			groupRoute.action({ request: new Request('http://localhost/x?lng=en', { method: 'POST', body: new URLSearchParams(fields), headers: admin.headers }), params, context })
		expect(await status(assign([['course', 'sample-course'], ['course', 'partial-languages'], ['dueAt', '2030-05-01']]))).toBe(302)
		expect(await status(assign([['course', 'sample-course'], ['course', 'sample-course'], ['dueAt', '']]))).toBe(302)
		const rows = await prisma.assignment.findMany({ where: { groupId: group.id }, select: { courseSlug: true, dueAt: true }, orderBy: { courseSlug: 'asc' } })
		expect(rows).toEqual([
			{ courseSlug: 'partial-languages', dueAt: new Date('2030-05-01T23:59:59Z') },
			{ courseSlug: 'sample-course', dueAt: null },
		])
		expect(await status(assign([['course', 'sample-course'], ['course', 'no-such-course']]))).toBe(400)
		expect(await status(assign([]))).toBe(400)
		expect(await prisma.assignment.count({ where: { groupId: group.id } })).toBe(2)
	})

	test('a big group comes a page at a time; totals and overdue counts cover everyone', async () => {
		const { org, group, admin, params } = await school({ learners: 0 })
		const pupils = await createPupils(
			prisma,
			org.id,
			Array.from({ length: 57 }, (_, index) => ({ displayName: `Pupil ${String(index).padStart(2, '0')}`, username: `p${index}-${randomBytes(3).toString('hex')}` })),
		)
		await addGroupMembers(prisma, group.id, pupils.map((pupil) => pupil.userId))
		await completeLessons(prisma, pupils[56]!.learnerId, 'sample-course', LESSONS)
		const page = (query: string) => groupRoute.loader({ request: get(`/x${query}`, admin.headers), params, context })

		const first = await page('')
		expect(first.paging).toEqual({ page: 1, pages: 2, from: 1, to: 50, size: 57 })
		expect(first.summaries[0]!.learners.map((learner) => learner.displayName).slice(0, 2)).toEqual(['Pupil 00', 'Pupil 01'])
		expect(first.summaries[0]!.learners).toHaveLength(50)
		expect(first.summaries[0]!.counts).toEqual({ 'not-started': 56, 'in-progress': 0, completed: 1, certified: 0 })
		expect(first.summaries[0]!.overdue).toEqual({ count: 56, names: expect.arrayContaining(['Pupil 00']) })
		expect(first.summaries[0]!.overdue!.names).toHaveLength(30)

		const second = await page('?page=2')
		expect(second.summaries[0]!.learners.map((learner) => learner.displayName)).toEqual(['Pupil 50', 'Pupil 51', 'Pupil 52', 'Pupil 53', 'Pupil 54', 'Pupil 55', 'Pupil 56'])
		expect(second.summaries[0]!.learners.at(-1)).toMatchObject({ status: 'completed', lessonsDone: 3, overdue: false })
		// Bad page numbers fall back to the nearest page, never an error.
		expect((await page('?page=99')).paging.page).toBe(2)
		expect((await page('?page=-1')).paging.page).toBe(1)
		expect((await page('?page=abc')).paging.page).toBe(1)
	})

	test('the poster carries the join code, the link and a QR code', async () => {
		const { group, admin, params } = await school({ learners: 0 })
		const joinCode = (await prisma.group.findUniqueOrThrow({ where: { id: group.id }, select: { joinCode: true } })).joinCode
		const poster = await posterRoute.loader({ request: get('/x?lng=en', admin.headers), params, context })
		expect(poster.group.joinCode).toBe(joinCode)
		expect(poster.joinUrl).toBe(`http://localhost/join?code=${joinCode}`)
		expect(poster.qr).toMatch(/^<svg[\s\S]*<\/svg>\s*$/)
	})
})

describe('aggregate-only reports', () => {
	test('managers see totals only, and only for groups of at least N; owners still see rows; learners are told', async () => {
		const { org, owner, admin, members, params } = await school({ learners: 3, kind: 'workplace' })
		const save = (fields: Record<string, string>) => settingsRoute.action({ request: post('/x?lng=en', fields, owner.headers), params: { org: org.slug }, context })
		expect(await status(save({ aggregateOnly: 'on', minReportGroupSize: '1' }))).toBe(400)
		expect(await status(save({ aggregateOnly: 'on', minReportGroupSize: 'many' }))).toBe(400)
		expect(await status(settingsRoute.action({ request: post('/x', { minReportGroupSize: '3' }, admin.headers), params: { org: org.slug }, context }))).toBe(403)
		expect(await status(save({ aggregateOnly: 'on', minReportGroupSize: '3' }))).toBe(302)

		// The minimum counts respondents: three members who have not answered show nothing.
		const unanswered = await groupRoute.loader({ request: get('/x?lng=en', admin.headers), params, context })
		expect(unanswered.summaries[0]).toMatchObject({ counts: null, withheld: 'fewRespondents', items: [] })
		for (const member of members) await attempt(member.learnerId, { 'call-for-help': { chosen: ['call'], correct: true } })

		const asAdmin = await groupRoute.loader({ request: get('/x?lng=en', admin.headers), params, context })
		expect(asAdmin.access).toEqual({ individuals: false, totals: true })
		expect(asAdmin.summaries[0]!.learners).toEqual([])
		expect(asAdmin.summaries[0]!.counts).toMatchObject({ 'not-started': 3 })
		expect(asAdmin.summaries[0]!.items.find((item) => item.id === 'call-for-help')).toMatchObject({ answered: 3, rightPercent: 100 })
		expect(JSON.stringify(asAdmin)).not.toContain(members[0]!.displayName)
		expect(await status(groupExport.loader({ request: get('/x?course=sample-course&table=learners', admin.headers), params, context }))).toBe(403)
		expect(await status(certificatesRoute.loader({ request: get('/x', admin.headers), params: { org: org.slug }, context }))).toBe(403)

		const asOwner = await groupRoute.loader({ request: get('/x', owner.headers), params, context })
		expect(asOwner.summaries[0]!.learners).toHaveLength(3)

		await save({ aggregateOnly: 'on', minReportGroupSize: '4' })
		const tooSmall = await groupRoute.loader({ request: get('/x', admin.headers), params, context })
		expect(tooSmall.access).toEqual({ individuals: false, totals: true })
		expect(tooSmall.summaries[0]).toMatchObject({ counts: null, withheld: 'fewRespondents', items: [] })
		expect(await status(groupExport.loader({ request: get('/x?course=sample-course&table=items', admin.headers), params, context }))).toBe(403)

		const account = await accountRoute.loader({ request: get('/account?lng=en', members[0]!.headers), params: {}, context })
		expect(account.organisations).toEqual([expect.objectContaining({ role: 'learner', aggregateOnly: true, minReportGroupSize: 4 })])
	})
})

describe("members' certificates", () => {
	test('listed, filtered to those expiring soon, revoked with a reason, exported as CSV and zip', async () => {
		const { org, admin, members } = await school({ learners: 2 })
		const [first, second] = [await certify(members[0]!, 'Әсел Қанатқызы'), await certify(members[1]!)]
		await prisma.certificate.update({ where: { code: second.code }, data: { expiresAt: new Date(Date.now() + 10 * 24 * 60 * 60 * 1000) } })
		const outsider = await person()
		const foreign = await certify(outsider)
		const params = { org: org.slug }

		const all = await certificatesRoute.loader({ request: get('/x?lng=en', admin.headers), params, context })
		expect(all.certificates.map((row) => row.code).sort()).toEqual([first.code, second.code].sort())
		const expiring = await certificatesRoute.loader({ request: get('/x?show=expiring', admin.headers), params, context })
		expect(expiring.certificates.map((row) => row.code)).toEqual([second.code])

		expect(await status(certificatesRoute.action({ request: post('/x', { code: first.code, reason: '' }, admin.headers), params, context }))).toBe(400)
		expect(await status(certificatesRoute.action({ request: post('/x', { code: foreign.code, reason: 'Not ours' }, admin.headers), params, context }))).toBe(404)
		expect(await status(certificatesRoute.action({ request: post('/x', { code: first.code, reason: 'Issued by mistake' }, admin.headers), params, context }))).toBe(302)
		const verification = await verifyCodeRoute.loader({ request: get(`/verify/${first.code}`), params: { code: first.code }, context: { clientIp: '10.77.0.1' } })
		expect(JSON.stringify(verification)).toContain('revoked')
		expect((await prisma.certificate.findUniqueOrThrow({ where: { code: foreign.code }, select: { revokedAt: true } })).revokedAt).toBeNull()

		const csv = (await certificatesExport.loader({ request: get('/x?format=csv&lng=en', admin.headers), params, context })) as Response
		const text = await csv.text()
		expect(text).toContain('Әсел Қанатқызы')
		expect(text).toContain('Issued by mistake')
		expect(text).not.toContain(foreign.code)

		const zip = (await certificatesExport.loader({ request: get('/x?format=zip', admin.headers), params, context })) as Response
		expect(zip.headers.get('Content-Type')).toBe('application/zip')
		const files = unzipSync(new Uint8Array(await zip.arrayBuffer()))
		// The revoked one is left out.
		expect(Object.keys(files)).toEqual([`certificate-${second.code}.pdf`])
		expect(Buffer.from(files[`certificate-${second.code}.pdf`]!.subarray(0, 5)).toString()).toBe('%PDF-')

		expect(await status(certificatesExport.loader({ request: get('/x?format=exe', admin.headers), params, context }))).toBe(400)
		expect(await status(certificatesRoute.loader({ request: get('/x', outsider.headers), params, context }))).toBe(403)
		expect(await status(certificatesRoute.loader({ request: get('/x', members[0]!.headers), params, context }))).toBe(403)
	})
})
