// Reminders (issue 17 item 6, decision 015) over the real SQLite file: who may remind whom, once a
// day, discreet wording, the learner's notice shown and dismissed, and the weekly digest sent
// once per organisation and ISO week, with counts only.
import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { createSession } from '~/auth/session.server.ts'
import { courseTitleFor } from '~/certificates/present.server.ts'
import { completeLessons, createGroup, createOrganisation, createUser } from '~/models/factories.server.ts'
import { remindOverdue, sendWeeklyDigests } from '~/models/reminders.server.ts'
import { isoWeekStart } from '~/orgs/reminders.ts'
import * as accountRoute from '~/routes/account.tsx'
import * as noticesRoute from '~/routes/account_.notices.tsx'
import * as remindersRoute from '~/routes/orgs.$org.reminders.tsx'
import { prisma } from '~/utils/db.server.ts'
import { setDiscreet } from '~/utils/discreet.server.ts'
import { getFlash } from '~/utils/flash.server.ts'
import { queuedMails } from '../setup/mail.ts'
import { cookieFrom, get, post, thrown } from '../setup/requests.ts'

const DAY = 86_400_000
const LESSONS = ['first-lesson', 'second-lesson', 'third-lesson']
const COURSE_TITLE = courseTitleFor('sample-course', 'en')

async function person(options: { name?: string; email?: boolean; discreet?: boolean } = {}) {
	const displayName = options.name ?? `Person ${randomBytes(3).toString('hex')}`
	const email = options.email === false ? undefined : `rem-${randomBytes(5).toString('hex')}@example.org`
	const user = await createUser(prisma, { displayName, email, locale: 'en' })
	if (options.discreet) await prisma.user.update({ where: { id: user.id }, data: { discreetMode: true } })
	return { id: user.id, learnerId: user.learner!.id, displayName, email, headers: { Cookie: (await createSession(user.id)).split(';')[0]! } }
}
type Person = Awaited<ReturnType<typeof person>>

/** An organisation with an owner, an administrator, a report viewer and a group on the sample course, past its due date. */
async function organisation({ kind = 'workplace' as 'school' | 'workplace', learners = 3, aggregateOnly = false, discreet = false } = {}) {
	const owner = await person({ name: 'Owner Aigerim' })
	const org = await createOrganisation(prisma, { ownerId: owner.id, kind })
	if (aggregateOnly) await prisma.organisation.update({ where: { id: org.id }, data: { aggregateOnly: true } })
	const admin = await person({ name: 'Admin Dias' })
	const viewer = await person({ name: 'Viewer Saule' })
	await prisma.membership.createMany({ data: [{ orgId: org.id, userId: admin.id, role: 'admin' }, { orgId: org.id, userId: viewer.id, role: 'viewer' }] })
	const group = await createGroup(prisma, org.id, { name: `Team ${randomBytes(2).toString('hex')}` })
	const assignment = await prisma.assignment.create({ data: { groupId: group.id, courseSlug: 'sample-course', dueAt: new Date(Date.now() - 3 * DAY) }, select: { id: true } })
	const members: Person[] = []
	for (let index = 0; index < learners; index++) {
		const learner = await person({ name: `Learner ${index} ${randomBytes(2).toString('hex')}`, discreet })
		await prisma.membership.create({ data: { orgId: org.id, userId: learner.id, role: 'learner' } })
		await prisma.groupMember.create({ data: { groupId: group.id, userId: learner.id } })
		members.push(learner)
	}
	const name = (await prisma.organisation.findUniqueOrThrow({ where: { id: org.id }, select: { name: true } })).name
	return { org: { ...org, name, kind }, owner, admin, viewer, group, assignment, members }
}

/** The mails queued to this address (no job worker runs in this process: tests/setup/mail.ts). */
const mailsTo = (email: string | undefined) => queuedMails(email ?? '')
const subjectOf = (mail: string) => /^Subject: (.*)$/m.exec(mail)?.[1]

function remind(orgSlug: string, who: Person, form: Record<string, string>) {
	return remindersRoute.action({ request: post(`/orgs/${orgSlug}/reminders?lng=en`, form, who.headers), params: { org: orgSlug }, context: {} })
}

async function flashOf(response: Response) {
	return (await getFlash(get('/', cookieFrom(response)))).message
}

const noticesOf = (userId: string) => prisma.notice.findMany({ where: { userId } })

describe('who may remind', () => {
	test('an administrator reminds one overdue learner: a notice, a mail, a flash, back to the learner page', async () => {
		const w = await organisation()
		const [target] = w.members
		const response = (await remind(w.org.slug, w.admin, { assignment: w.assignment.id, learner: target!.id, from: 'learner' })) as Response
		expect(response.status).toBe(302)
		expect(response.headers.get('Location')).toBe(`/orgs/${w.org.slug}/learners/${target!.id}`)
		expect(await flashOf(response)).toBe('reminders.flash.sent')
		expect(await noticesOf(target!.id)).toHaveLength(1)
		expect(await mailsTo(target!.email)).toHaveLength(1)
		// Nobody else in the group was reminded.
		expect(await noticesOf(w.members[1]!.id)).toHaveLength(0)
	})

	test('the owner reminds everyone overdue; who finished is not reminded', async () => {
		const w = await organisation()
		await completeLessons(prisma, w.members[0]!.learnerId, 'sample-course', LESSONS)
		const response = (await remind(w.org.slug, w.owner, { assignment: w.assignment.id })) as Response
		expect(response.headers.get('Location')).toBe(`/orgs/${w.org.slug}/groups/${w.group.id}`)
		expect(await flashOf(response)).toBe('reminders.flash.sentToOverdue')
		expect(await noticesOf(w.members[0]!.id)).toHaveLength(0)
		expect(await noticesOf(w.members[1]!.id)).toHaveLength(1)
		expect(await noticesOf(w.members[2]!.id)).toHaveLength(1)
	})

	test('a report viewer, a learner and an outsider are refused; nothing is written', async () => {
		const w = await organisation()
		const outsider = await person()
		for (const who of [w.viewer, w.members[1]!, outsider]) {
			const refused = await thrown(remind(w.org.slug, who, { assignment: w.assignment.id, learner: w.members[0]!.id }))
			expect(refused.status).toBe(403)
			expect((await thrown(remind(w.org.slug, who, { assignment: w.assignment.id }))).status).toBe(403)
		}
		expect(await prisma.notice.count({ where: { assignment: { group: { orgId: w.org.id } } } })).toBe(0)
	})

	test("another organisation's administrator reaches neither its assignments nor its people: the same 404 as a made-up id", async () => {
		const a = await organisation()
		const b = await organisation()
		const made = await thrown(remind(b.org.slug, b.admin, { assignment: 'no-such-assignment' }))
		expect(made.status).toBe(404)
		// A's assignment through B's address.
		const foreignAssignment = await thrown(remind(b.org.slug, b.admin, { assignment: a.assignment.id }))
		expect(foreignAssignment).toEqual(made)
		// A's learner through B's own assignment.
		const foreignLearner = await thrown(remind(b.org.slug, b.admin, { assignment: b.assignment.id, learner: a.members[0]!.id }))
		expect(foreignLearner.status).toBe(404)
		const unknownLearner = await thrown(remind(b.org.slug, b.admin, { assignment: b.assignment.id, learner: 'no-such-learner' }))
		expect(foreignLearner).toEqual(unknownLearner)
		// A's address, for a member of A who is not in that assignment's group.
		const elsewhere = await person()
		await prisma.membership.create({ data: { orgId: a.org.id, userId: elsewhere.id, role: 'learner' } })
		expect((await thrown(remind(a.org.slug, a.admin, { assignment: a.assignment.id, learner: elsewhere.id }))).status).toBe(404)
		expect(await prisma.notice.count({ where: { userId: { in: [...a.members.map((m) => m.id), elsewhere.id] } } })).toBe(0)
	})

	test('under aggregate-only reports an administrator reminds everyone overdue, never one person (that would tell who is overdue)', async () => {
		const w = await organisation({ aggregateOnly: true })
		expect((await thrown(remind(w.org.slug, w.admin, { assignment: w.assignment.id, learner: w.members[0]!.id }))).status).toBe(403)
		const response = (await remind(w.org.slug, w.admin, { assignment: w.assignment.id })) as Response
		expect(await flashOf(response)).toBe('reminders.flash.sentToOverdue')
		expect(await prisma.notice.count({ where: { assignment: { group: { orgId: w.org.id } } } })).toBe(3)
	})

	test('bad input is a translated 400; a GET goes back to the organisation', async () => {
		const w = await organisation()
		const bad = await thrown(remind(w.org.slug, w.admin, { learner: w.members[0]!.id }))
		expect(bad.status).toBe(400)
		expect(JSON.stringify(bad.body)).toContain('cannot be sent')
		const page = (await remindersRoute.loader({ request: get(`/orgs/${w.org.slug}/reminders`, w.admin.headers), params: { org: w.org.slug }, context: {} })) as Response
		expect(page.headers.get('Location')).toBe(`/orgs/${w.org.slug}`)
	})

	test('not overdue: before the due date, or finished, nothing is sent', async () => {
		const w = await organisation()
		await completeLessons(prisma, w.members[0]!.learnerId, 'sample-course', LESSONS)
		const response = (await remind(w.org.slug, w.admin, { assignment: w.assignment.id, learner: w.members[0]!.id })) as Response
		expect(await flashOf(response)).toBe('reminders.flash.notOverdue')
		await prisma.assignment.update({ where: { id: w.assignment.id }, data: { dueAt: new Date(Date.now() + 3 * DAY) } })
		await remind(w.org.slug, w.admin, { assignment: w.assignment.id })
		expect(await prisma.notice.count({ where: { assignment: { group: { orgId: w.org.id } } } })).toBe(0)
	})
})

describe('once a day', () => {
	test('a second reminder the same day, by anyone, sends nothing; the next day it does', async () => {
		const w = await organisation()
		const target = w.members[0]!
		await remind(w.org.slug, w.admin, { assignment: w.assignment.id, learner: target.id })
		const again = (await remind(w.org.slug, w.owner, { assignment: w.assignment.id, learner: target.id })) as Response
		expect(await flashOf(again)).toBe('reminders.flash.alreadyToday')
		// Everyone overdue, twice at once: the unique row lets each person's reminder through once.
		const assignment = { id: w.assignment.id, groupId: w.group.id, courseSlug: 'sample-course', dueAt: new Date(Date.now() - 3 * DAY) }
		const counts = await Promise.all([remindOverdue(w.org, assignment), remindOverdue(w.org, assignment)])
		expect(counts[0] + counts[1]).toBe(2)
		await remind(w.org.slug, w.owner, { assignment: w.assignment.id })
		for (const member of w.members) {
			expect(await noticesOf(member.id)).toHaveLength(1)
			expect(await mailsTo(member.email)).toHaveLength(1)
		}
		const tomorrow = new Date(Date.now() + DAY)
		expect(await remindOverdue(w.org, assignment, tomorrow)).toBe(3)
		expect(await noticesOf(target.id)).toHaveLength(2)
	})
})

describe('discreet mode', () => {
	test("a learner in discreet mode gets a neutral subject and body; others read the course's name", async () => {
		const plain = await organisation({ learners: 1 })
		await remind(plain.org.slug, plain.admin, { assignment: plain.assignment.id })
		const [plainMail] = await mailsTo(plain.members[0]!.email)
		expect(subjectOf(plainMail!)).toContain(COURSE_TITLE)

		const hidden = await organisation({ learners: 1, discreet: true })
		await remind(hidden.org.slug, hidden.admin, { assignment: hidden.assignment.id })
		const [mail] = await mailsTo(hidden.members[0]!.email)
		expect(subjectOf(mail!)).toBe(`Qorgau: a reminder from ${hidden.org.name}`)
		expect(mail).not.toContain(COURSE_TITLE)
		expect(mail).not.toMatch(/violen|abuse|насили|зорлық/i)
	})

	test('the notice in discreet mode (the account or this browser) names no course', async () => {
		const w = await organisation({ learners: 1 })
		const learner = w.members[0]!
		await remind(w.org.slug, w.admin, { assignment: w.assignment.id })
		const shown = await accountRoute.loader({ request: get('/account?lng=en', learner.headers), params: {}, context: {} })
		expect(shown.notices[0]!.text).toContain(COURSE_TITLE)
		const discreetCookie = (await setDiscreet(true)).split(';')[0]!
		const discreetBrowser = await accountRoute.loader({ request: get('/account?lng=en', { Cookie: `${learner.headers.Cookie}; ${discreetCookie}` }), params: {}, context: {} })
		expect(discreetBrowser.notices[0]!.text).toBe(`${w.org.name} reminds you of an assignment that is past its due date.`)
		await prisma.user.update({ where: { id: learner.id }, data: { discreetMode: true } })
		const discreetAccount = await accountRoute.loader({ request: get('/account?lng=en', learner.headers), params: {}, context: {} })
		expect(discreetAccount.notices[0]!.text).not.toContain(COURSE_TITLE)
	})
})

describe('the notice', () => {
	test('shown on /account; dismissed by its owner only', async () => {
		const w = await organisation({ learners: 2 })
		const [learner, other] = w.members as [Person, Person]
		// Pupil-style accounts without an email address get the notice, not a mail.
		const noMail = await person({ email: false })
		await prisma.groupMember.create({ data: { groupId: w.group.id, userId: noMail.id } })
		await remind(w.org.slug, w.admin, { assignment: w.assignment.id })
		expect(await noticesOf(noMail.id)).toHaveLength(1)

		const page = await accountRoute.loader({ request: get('/account?lng=en', learner.headers), params: {}, context: {} })
		expect(page.notices).toHaveLength(1)
		const noticeId = page.notices[0]!.id

		// Someone else posting that id changes nothing.
		await noticesRoute.action({ request: post('/account/notices', { notice: noticeId }, other.headers), params: {}, context: {} })
		expect((await prisma.notice.findUniqueOrThrow({ where: { id: noticeId } })).seenAt).toBeNull()

		const dismissed = (await noticesRoute.action({ request: post('/account/notices', { notice: noticeId }, learner.headers), params: {}, context: {} })) as Response
		expect(dismissed.headers.get('Location')).toBe('/account#notices')
		expect(await flashOf(dismissed)).toBe('reminders.flash.dismissed')
		expect((await accountRoute.loader({ request: get('/account?lng=en', learner.headers), params: {}, context: {} })).notices).toHaveLength(0)
		// Dismissing does not undo the day's limit.
		await remind(w.org.slug, w.admin, { assignment: w.assignment.id, learner: learner.id })
		expect(await noticesOf(learner.id)).toHaveLength(1)
	})

	test('a guest is sent to sign in; a bad form is a translated 400', async () => {
		const guest = await thrown(noticesRoute.action({ request: post('/account/notices', { notice: 'x' }), params: {}, context: {} }))
		expect(guest.status).toBe(302)
		const learner = await person()
		expect((await thrown(noticesRoute.action({ request: post('/account/notices?lng=en', {}, learner.headers), params: {}, context: {} }))).status).toBe(400)
	})
})

describe('the weekly digest', () => {
	test('once per organisation and ISO week, even when run twice or twice at once; counts only, no names', async () => {
		const w = await organisation({ kind: 'school' })
		await completeLessons(prisma, w.members[0]!.learnerId, 'sample-course', LESSONS)
		const now = new Date()
		const [first, second] = await Promise.all([sendWeeklyDigests(now), sendWeeklyDigests(now)])
		expect((first ?? 0) + (second ?? 0)).toBeGreaterThanOrEqual(1)
		expect(await sendWeeklyDigests(now)).toBe(0)
		expect(await prisma.orgDigest.findMany({ where: { orgId: w.org.id } })).toEqual([expect.objectContaining({ lastSentAt: now })])
		for (const staff of [w.owner, w.admin]) {
			const mails = await mailsTo(staff.email)
			expect(mails).toHaveLength(1)
			expect(subjectOf(mails[0]!)).toBe(`Qorgau: the week's overview for ${w.org.name}`)
			expect(mails[0]).toContain(`2 of 3 pupils have not finished`)
			expect(mails[0]).toContain(w.group.name)
			for (const member of w.members) expect(mails[0]).not.toContain(member.displayName)
		}
		// Report viewers and learners get no digest.
		expect(await mailsTo(w.viewer.email)).toHaveLength(0)
		expect(await mailsTo(w.members[1]!.email)).toHaveLength(0)
		// The next week it goes again.
		expect(await sendWeeklyDigests(new Date(now.getTime() + 7 * DAY))).toBeGreaterThanOrEqual(1)
		expect(await mailsTo(w.admin.email)).toHaveLength(2)
	})

	test('aggregate-only: a group under the minimum is named without counts; workplace words', async () => {
		const w = await organisation({ aggregateOnly: true, learners: 3 })
		await sendWeeklyDigests()
		const [mail] = await mailsTo(w.admin.email)
		expect(mail).toContain(`${w.group.name}: fewer than 5 employees, not counted`)
		expect(mail).not.toMatch(/\d+ of \d+/)
		expect(mail).not.toMatch(/pupil|class/i)
	})

	test('nothing overdue: no digest, and the week stays open', async () => {
		const w = await organisation({ learners: 1 })
		await completeLessons(prisma, w.members[0]!.learnerId, 'sample-course', LESSONS)
		await sendWeeklyDigests()
		expect(await mailsTo(w.admin.email)).toHaveLength(0)
		expect(await prisma.orgDigest.count({ where: { orgId: w.org.id } })).toBe(0)
	})
})

describe('the ISO week', () => {
	test('starts on Monday 00:00 UTC, across a year boundary too', () => {
		expect(isoWeekStart(new Date('2026-12-02T10:00:00Z'))).toEqual(new Date('2026-11-30T00:00:00Z'))
		expect(isoWeekStart(new Date('2026-11-30T00:00:00Z'))).toEqual(new Date('2026-11-30T00:00:00Z'))
		expect(isoWeekStart(new Date('2021-01-03T23:59:59Z'))).toEqual(new Date('2020-12-28T00:00:00Z'))
		expect(isoWeekStart(new Date('2025-01-01T12:00:00Z'))).toEqual(new Date('2024-12-30T00:00:00Z'))
	})
})
