// Recertification reminders (decision 017): 30 and 7 days before a certificate expires its
// holder gets a mail, unless they already renewed it. Each reminder is recorded under a unique
// (certificate, kind) in the same transaction that queues its mail (decision 016), so a run
// repeated, or racing on another instance, sends once, and a crash sends nothing half-way.
import { dueReminder } from '~/certificates/recertification.ts'
import { courseTitleFor, formatDate } from '~/certificates/present.server.ts'
import { isLocale } from '~/config/i18n.ts'
import { prisma } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { i18nServer } from '~/utils/i18n.server.ts'
import { sendMail } from '~/models/mail.server.ts'
import { isUniqueViolation } from '~/utils/db-errors.server.ts'

const DAY_MS = 24 * 60 * 60 * 1000

/** Sends the reminders due now; returns how many were sent. */
export async function sendDueReminders(now = new Date()): Promise<number> {
	const candidates = await prisma.certificate.findMany({
		where: { revokedAt: null, expiresAt: { gt: now, lte: new Date(now.getTime() + 30 * DAY_MS) }, user: { email: { not: null } } },
		select: {
			id: true,
			code: true,
			userId: true,
			courseSlug: true,
			issuedAt: true,
			expiresAt: true,
			user: { select: { email: true, locale: true, discreetMode: true } },
			reminders: { select: { kind: true } },
		},
	})
	let sent = 0
	for (const certificate of candidates) {
		const kind = dueReminder(certificate.expiresAt!, now, certificate.reminders.map((reminder) => reminder.kind))
		if (!kind || (await isRenewed(certificate))) continue
		const mail = await reminderMail(certificate)
		const recorded = await prisma
			.$transaction(async (tx) => {
				await tx.recertificationReminder.create({ data: { certificateId: certificate.id, kind, sentAt: now } })
				await sendMail(mail, tx)
			})
			.then(() => true)
			.catch((error: unknown) => {
				if (isUniqueViolation(error)) return false
				throw error
			})
		if (recorded) sent++
	}
	return sent
}

/** A later, unrevoked certificate for the same course: nothing to remind of. */
async function isRenewed(certificate: { userId: string | null; courseSlug: string; issuedAt: Date }) {
	const later = await prisma.certificate.count({ where: { userId: certificate.userId, courseSlug: certificate.courseSlug, revokedAt: null, issuedAt: { gt: certificate.issuedAt } } })
	return later > 0
}

/** The subject never names the topic; in discreet mode neither does the body. */
async function reminderMail(certificate: { code: string; courseSlug: string; expiresAt: Date | null; user: { email: string | null; locale: string; discreetMode: boolean } | null }) {
	const user = certificate.user!
	const env = getEnv()
	const locale = isLocale(user.locale) ? user.locale : env.DEFAULT_LOCALE
	const t = await i18nServer.getFixedT(locale)
	const origin = env.PUBLIC_URL?.replace(/\/$/, '') ?? `http://localhost:${env.PORT}`
	const values = { date: formatDate(certificate.expiresAt!, locale), url: `${origin}/certificates/${certificate.code}`, course: courseTitleFor(certificate.courseSlug, locale) }
	return {
		to: user.email!,
		subject: t('credentials.reminder.subject'),
		text: user.discreetMode ? t('credentials.reminder.bodyDiscreet', values) : t('credentials.reminder.body', values),
	}
}
