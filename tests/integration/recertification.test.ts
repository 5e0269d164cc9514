// Recertification (decision 017): renewing inside the window, the reminders job (idempotent,
// discreet), and the organisation's list of who needs to recertify.
import { describe, expect, test } from 'vitest'
import { findCourse } from '~/courses/catalog.server.ts'
import { addMonths } from '~/certificates/state.ts'
import { issueCertificate } from '~/models/certificate.server.ts'
import { orgCertificates } from '~/models/org-certificates.server.ts'
import { sendDueReminders } from '~/models/recertification.server.ts'
import { createSession } from '~/auth/session.server.ts'
import * as certificateRoute from '~/routes/certificates.$code.tsx'
import * as orgCertificatesRoute from '~/routes/orgs.$org.certificates.tsx'
import { prisma } from '~/utils/db.server.ts'
import { completeLessons, createOrganisation, createUser } from '~/models/factories.server.ts'
import { queuedMails } from '../setup/mail.ts'
import { get } from '../setup/requests.ts'

const DAY = 86_400_000
const course = findCourse('sample-course')!

async function pass(learnerId: string, submittedAt = new Date()) {
	await prisma.quizAttempt.create({
		data: { learnerId, courseSlug: 'sample-course', courseVersion: '2', locale: 'en', token: `r-${learnerId}-${submittedAt.getTime()}-${Math.random()}`, layout: '[]', submittedAt, score: 4, maxScore: 4, passed: true },
	})
}

/** A holder whose certificate expires in `days` days. */
async function holderExpiringIn(days: number, options: { discreet?: boolean; locale?: string } = {}) {
	const user = await createUser(prisma, { displayName: 'Dana Ivanova', email: `r-${Math.random().toString(36).slice(2)}@example.org`, locale: options.locale ?? 'en' })
	if (options.discreet) await prisma.user.update({ where: { id: user.id }, data: { discreetMode: true } })
	const learnerId = user.learner!.id
	await completeLessons(prisma, learnerId, 'sample-course', ['first-lesson', 'second-lesson', 'third-lesson'])
	await pass(learnerId, new Date(Date.now() - 400 * DAY))
	const certificate = (await issueCertificate({ userId: user.id, learnerId, course, holderName: 'Dana Ivanova', locale: 'en' }))!
	const expiresAt = new Date(Date.now() + days * DAY)
	await prisma.certificate.update({ where: { id: certificate.id }, data: { issuedAt: addMonths(expiresAt, -12), expiresAt } })
	return { user, learnerId, certificate: { ...certificate, expiresAt }, headers: { Cookie: (await createSession(user.id)).split(';')[0]! } }
}

const mailsTo = queuedMails

describe('renewing', () => {
	test('from 30 days before expiry the holder sees "renew"; a new pass issues a certificate that runs on from the old expiry', async () => {
		const who = await holderExpiringIn(20)
		const page = await certificateRoute.loader({ request: get(`/certificates/${who.certificate.code}?lng=en`, who.headers), params: { code: who.certificate.code }, context: {} })
		expect(page.renewBy).not.toBeNull()
		expect(page.quizPath).toBe('/courses/sample-course/quiz')
		const issue = () => issueCertificate({ userId: who.user.id, learnerId: who.learnerId, course, holderName: 'Dana Ivanova', locale: 'en' })
		// The old pass does not renew: a pass inside the window does.
		expect((await issue())!.code).toBe(who.certificate.code)
		await pass(who.learnerId)
		const renewed = (await issue())!
		expect(renewed.code).not.toBe(who.certificate.code)
		expect(renewed.expiresAt).toEqual(addMonths(who.certificate.expiresAt, 12))
		// Renewing twice changes nothing.
		expect((await issue())!.code).toBe(renewed.code)
	})

	test('earlier than 30 days before expiry there is no "renew"', async () => {
		const who = await holderExpiringIn(45)
		const page = await certificateRoute.loader({ request: get(`/certificates/${who.certificate.code}`, who.headers), params: { code: who.certificate.code }, context: {} })
		expect(page.renewBy).toBeNull()
	})
})

describe('reminders', () => {
	test('30 days, then 7 days before; running the job again, or twice at once, sends nothing more', async () => {
		const who = await holderExpiringIn(25)
		const email = (await prisma.user.findUniqueOrThrow({ where: { id: who.user.id } })).email!
		// Two instances' runs at once: the unique reminder row lets one of them queue the mail.
		const [first, second] = await Promise.all([sendDueReminders(), sendDueReminders()])
		expect(first + second).toBeGreaterThanOrEqual(1)
		expect(await mailsTo(email)).toHaveLength(1)
		await sendDueReminders()
		expect(await mailsTo(email)).toHaveLength(1)
		const sixDaysLater = new Date(who.certificate.expiresAt.getTime() - 6 * DAY)
		await sendDueReminders(sixDaysLater)
		await sendDueReminders(sixDaysLater)
		expect(await mailsTo(email)).toHaveLength(2)
		expect((await prisma.recertificationReminder.findMany({ where: { certificateId: who.certificate.id }, select: { kind: true }, orderBy: { kind: 'asc' } })).map((row) => row.kind)).toEqual(['30', '7'])
		const [mail] = await mailsTo(email)
		expect(mail).toContain('Subject: A reminder from Qorgau\n')
		expect(mail).toContain('Sample course')
		expect(mail).toContain(`/certificates/${who.certificate.code}`)
	})

	test('discreet mode: neither subject nor body names the topic or the course; the user’s language', async () => {
		const who = await holderExpiringIn(10, { discreet: true, locale: 'ru' })
		const email = (await prisma.user.findUniqueOrThrow({ where: { id: who.user.id } })).email!
		await sendDueReminders()
		const [mail] = await mailsTo(email)
		expect(mail).toContain('Subject: Напоминание от Qorgau\n')
		expect(mail).not.toMatch(/Образец|Sample|курс|насили|violence/i)
	})

	test('no reminder once renewed, for revoked certificates, or for certificates far from expiry', async () => {
		const renewed = await holderExpiringIn(20)
		await pass(renewed.learnerId)
		await issueCertificate({ userId: renewed.user.id, learnerId: renewed.learnerId, course, holderName: 'Dana Ivanova', locale: 'en' })
		const revoked = await holderExpiringIn(20)
		await prisma.certificate.update({ where: { id: revoked.certificate.id }, data: { revokedAt: new Date(), revokeReason: 'test' } })
		const far = await holderExpiringIn(90)
		await sendDueReminders()
		for (const who of [renewed, revoked, far]) {
			const email = (await prisma.user.findUniqueOrThrow({ where: { id: who.user.id } })).email!
			expect(await mailsTo(email)).toEqual([])
		}
	})
})

describe('organisations see who needs recertification', () => {
	test('expired or expiring within 30 days and not renewed, soonest first', async () => {
		const owner = await createUser(prisma)
		const org = await createOrganisation(prisma, { ownerId: owner.id })
		const soon = await holderExpiringIn(10)
		const expired = await holderExpiringIn(-5)
		const renewed = await holderExpiringIn(15)
		await pass(renewed.learnerId)
		await issueCertificate({ userId: renewed.user.id, learnerId: renewed.learnerId, course, holderName: 'Dana Ivanova', locale: 'en' })
		const later = await holderExpiringIn(200)
		for (const who of [soon, expired, renewed, later]) await prisma.membership.create({ data: { orgId: org.id, userId: who.user.id, role: 'learner' } })
		// Earned for this organisation's assignment: only those are its to list (decision 015).
		await prisma.certificate.updateMany({ where: { userId: { in: [soon, expired, renewed, later].map((who) => who.user.id) } }, data: { orgId: org.id } })
		const rows = await orgCertificates(org.id, 'renewal')
		expect(rows.map((row) => row.code)).toEqual([expired.certificate.code, soon.certificate.code])
		const page = await orgCertificatesRoute.loader({ request: get(`/orgs/${org.slug}/certificates?show=renewal&lng=en`, { Cookie: (await createSession(owner.id)).split(';')[0]! }), params: { org: org.slug }, context: {} })
		expect(page.filter).toBe('renewal')
		expect(page.certificates.map((row) => row.state)).toEqual(['expired', 'valid'])
	})
})
