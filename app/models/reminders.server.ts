// Reminders of overdue assignments and the weekly digest (decision 015). A reminder is a notice the
// learner sees when signed in and, for an account with an email address, a mail; at most one per
// learner, assignment and UTC day (the Notice row's unique key, written before the mail). The
// digest gives an organisation's administrators overdue counts per group and course, once per
// ISO week (the OrgDigest row's lastSentAt, moved into the week before the mails). With discreet mode neither names the topic.
import { courseTitleFor, formatDate } from '~/certificates/present.server.ts'
import { isLocale, type Locale } from '~/config/i18n.ts'
import { getCatalog } from '~/courses/catalog.server.ts'
import { digestLines, isoWeekStart, reminderDay, type OverdueCount } from '~/orgs/reminders.ts'
import { MANAGE_ROLES } from '~/orgs/roles.ts'
import { isUniqueViolation } from '~/utils/db-errors.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { i18nServer } from '~/utils/i18n.server.ts'
import { sendMail } from '~/models/mail.server.ts'
import { groupDashboard } from '~/models/group-dashboard.server.ts'

type Org = { id: string; slug: string; name: string; kind: string }

/** An assignment of one of the organisation's groups, or null (another organisation's is null too). */
export function findOrgAssignment(orgId: string, assignmentId: string) {
	return prisma.assignment.findFirst({
		where: { id: assignmentId, group: { orgId, archivedAt: null } },
		select: { id: true, groupId: true, courseSlug: true, dueAt: true },
	})
}
type OrgAssignment = NonNullable<Awaited<ReturnType<typeof findOrgAssignment>>>

/**
 * The group's members on this assignment: who is overdue (past the due date, neither completed nor
 * certified) among everyone in the group. One definition of "overdue": the group's dashboard.
 */
async function membersOn(assignment: OrgAssignment, now: Date) {
	const summaries = await groupDashboard(assignment.groupId, getCatalog().bySlug, now)
	return summaries.find((summary) => summary.courseSlug === assignment.courseSlug)?.learners ?? []
}

type ReminderOutcome = 'sent' | 'alreadyToday' | 'notOverdue' | 'notInGroup'

/** Reminds one member of the assignment's group, if they are overdue and were not reminded today. */
export async function remindLearner(org: Org, assignment: OrgAssignment, userId: string, now = new Date()): Promise<ReminderOutcome> {
	const member = (await membersOn(assignment, now)).find((learner) => learner.userId === userId)
	if (!member) return 'notInGroup'
	if (!member.overdue) return 'notOverdue'
	return (await remind(org, assignment, [userId], now)) === 1 ? 'sent' : 'alreadyToday'
}

/** Reminds every overdue member of the assignment's group not reminded today; how many were. */
export async function remindOverdue(org: Org, assignment: OrgAssignment, now = new Date()): Promise<number> {
	const overdue = (await membersOn(assignment, now)).filter((learner) => learner.overdue).map((learner) => learner.userId)
	return remind(org, assignment, overdue, now)
}

async function remind(org: Org, assignment: OrgAssignment, userIds: string[], now: Date): Promise<number> {
	const day = reminderDay(now)
	let sent = 0
	for (const userId of userIds) {
		// The row first: of two administrators (or processes) reminding at once, one writes it and mails.
		const created = await prisma.notice
			.create({ data: { userId, assignmentId: assignment.id, day, createdAt: now }, select: { user: { select: { email: true, locale: true, discreetMode: true } } } })
			.catch((error: unknown) => {
				if (isUniqueViolation(error)) return null
				throw error
			})
		if (!created) continue
		sent++
		if (created.user.email) await sendMail(await reminderMail(org, assignment, { ...created.user, email: created.user.email }))
	}
	return sent
}

const origin = () => getEnv().PUBLIC_URL?.replace(/\/$/, '') ?? `http://localhost:${getEnv().PORT}`
const localeOf = (locale: string): Locale => (isLocale(locale) ? locale : getEnv().DEFAULT_LOCALE)

/** The subject and, in discreet mode, the body never name the course (its title names the topic). */
async function reminderMail(org: Org, assignment: OrgAssignment, user: { email: string; locale: string; discreetMode: boolean }) {
	const locale = localeOf(user.locale)
	const t = await i18nServer.getFixedT(locale)
	const values = { org: org.name, course: courseTitleFor(assignment.courseSlug, locale), date: formatDate(assignment.dueAt!, locale), url: `${origin()}/account`, context: org.kind }
	return {
		to: user.email,
		subject: user.discreetMode ? t('reminders.mail.subjectDiscreet', values) : t('reminders.mail.subject', values),
		text: user.discreetMode ? t('reminders.mail.bodyDiscreet', values) : t('reminders.mail.body', values),
	}
}

/** The learner's notices not yet dismissed, newest first, in their words (discreet: no course named). */
export async function openNotices(userId: string, locale: Locale, discreet: boolean) {
	const t = await i18nServer.getFixedT(locale)
	const rows = await prisma.notice.findMany({
		where: { userId, seenAt: null },
		select: { id: true, createdAt: true, assignment: { select: { courseSlug: true, dueAt: true, group: { select: { org: { select: { name: true } } } } } } },
		orderBy: { createdAt: 'desc' },
	})
	return rows.map((row) => {
		const values = { org: row.assignment.group.org.name, course: courseTitleFor(row.assignment.courseSlug, locale), date: row.assignment.dueAt ? formatDate(row.assignment.dueAt, locale) : '' }
		return {
			id: row.id,
			text: discreet ? t('reminders.notice.discreet', values) : t('reminders.notice.text', values),
			coursePath: `/courses/${row.assignment.courseSlug}`,
		}
	})
}

/** Dismisses one of the person's own notices; another person's stays as it is. */
export async function dismissNotice(userId: string, noticeId: string, now = new Date()): Promise<boolean> {
	const { count } = await prisma.notice.updateMany({ where: { id: noticeId, userId, seenAt: null }, data: { seenAt: now } })
	return count === 1
}

/** Overdue counts per group and course of one organisation: numbers only. */
async function overdueCounts(orgId: string, now: Date): Promise<OverdueCount[]> {
	const groups = await prisma.group.findMany({
		where: { orgId, archivedAt: null, assignments: { some: { dueAt: { lt: now } } } },
		select: { id: true, name: true },
		orderBy: { name: 'asc' },
	})
	const counts: OverdueCount[] = []
	for (const group of groups) {
		for (const summary of await groupDashboard(group.id, getCatalog().bySlug, now)) {
			if (!summary.dueAt || summary.dueAt >= now) continue
			counts.push({ groupName: group.name, courseSlug: summary.courseSlug, dueAt: summary.dueAt, members: summary.learners.length, overdue: summary.learners.filter((learner) => learner.overdue).length })
		}
	}
	return counts
}

/**
 * The job (entry.server.tsx, hourly): each organisation with someone overdue gets its digest once
 * per ISO week, to its owners and administrators who have an email address. Returns how many
 * organisations' digests were sent.
 */
export async function sendWeeklyDigests(now = new Date()): Promise<number> {
	const orgs = await prisma.organisation.findMany({
		where: { OR: [{ digest: null }, { digest: { lastSentAt: { lt: isoWeekStart(now) } } }], groups: { some: { archivedAt: null, assignments: { some: { dueAt: { lt: now } } } } } },
		select: {
			id: true,
			slug: true,
			name: true,
			kind: true,
			aggregateOnly: true,
			minReportGroupSize: true,
			memberships: { where: { role: { in: [...MANAGE_ROLES] }, user: { email: { not: null } } }, select: { user: { select: { email: true, locale: true, discreetMode: true } } } },
		},
	})
	let sent = 0
	for (const org of orgs) {
		if (org.memberships.length === 0) continue
		const lines = digestLines(await overdueCounts(org.id, now), org)
		if (lines.length === 0) continue
		if (!(await claimWeek(org.id, now))) continue
		for (const { user } of org.memberships) await sendMail(await digestMail(org, lines, { ...user, email: user.email! }, now))
		sent++
	}
	return sent
}

/**
 * Claims this ISO week's digest for the organisation: the first row, or moving `lastSentAt` from an
 * earlier week into this one, each a single statement, so of two runs only one claims it.
 */
async function claimWeek(orgId: string, now: Date): Promise<boolean> {
	const created = await prisma.orgDigest
		.create({ data: { orgId, lastSentAt: now } })
		.then(() => true)
		.catch((error: unknown) => {
			if (isUniqueViolation(error)) return false
			throw error
		})
	if (created) return true
	const { count } = await prisma.orgDigest.updateMany({ where: { orgId, lastSentAt: { lt: isoWeekStart(now) } }, data: { lastSentAt: now } })
	return count === 1
}

async function digestMail(org: Org & { minReportGroupSize: number }, lines: ReturnType<typeof digestLines>, user: { email: string; locale: string; discreetMode: boolean }, now: Date) {
	const locale = localeOf(user.locale)
	const t = await i18nServer.getFixedT(locale)
	const context = org.kind
	const text = [
		t('reminders.digest.intro', { context, org: org.name, date: formatDate(now, locale) }),
		'',
		...lines.map((line) =>
			line.kind === 'withheld'
				? t('reminders.digest.withheld', { context, group: line.groupName, count: org.minReportGroupSize })
				: t(user.discreetMode ? 'reminders.digest.lineDiscreet' : 'reminders.digest.line', {
						context,
						group: line.groupName,
						course: courseTitleFor(line.courseSlug, locale),
						date: formatDate(line.dueAt, locale),
						overdue: line.overdue,
						members: line.members,
					}),
		),
		'',
		t('reminders.digest.outro', { context, url: `${origin()}/orgs/${org.slug}` }),
	].join('\n')
	return { to: user.email, subject: t('reminders.digest.subject', { org: org.name }), text }
}
