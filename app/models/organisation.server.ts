// Organisations (schools, employers): their groups (classes, teams) and course assignments, their
// staff and the single-use invites that bring staff in, and their settings. Learners come in
// through groups (join codes, pupil accounts: pupils.server.ts).
import { createHash, randomBytes } from 'node:crypto'
import { ORG_ROLES, REPORT_ROLES, type InviteRole } from '~/orgs/roles.ts'
import type { ReportPolicy } from '~/orgs/report-access.ts'
import { prisma } from '~/utils/db.server.ts'
import { randomCharacters as shortCode } from '~/utils/random-code.server.ts'

export async function createOrganisation(input: { name: string; kind: 'school' | 'workplace'; locale: string; ownerId: string }) {
	return prisma.organisation.create({
		data: {
			name: input.name,
			kind: input.kind,
			locale: input.locale,
			slug: `org-${shortCode(8).toLowerCase()}`,
			code: shortCode(6),
			memberships: { create: { userId: input.ownerId, role: 'owner' } },
		},
		select: { slug: true },
	})
}

export async function myOrganisations(userId: string) {
	return prisma.membership.findMany({
		where: { userId, role: { in: [...REPORT_ROLES] } },
		select: { role: true, org: { select: { slug: true, name: true, kind: true } } },
		orderBy: { createdAt: 'asc' },
	})
}

export async function orgGroups(orgId: string) {
	return prisma.group.findMany({
		where: { orgId, archivedAt: null },
		select: { id: true, name: true, joinCode: true, _count: { select: { members: true } }, assignments: { select: { courseSlug: true, dueAt: true } } },
		orderBy: { createdAt: 'asc' },
	})
}

export async function createGroup(orgId: string, name: string) {
	return prisma.group.create({ data: { orgId, name, joinCode: shortCode(8) }, select: { id: true } })
}

/** Joins the group with this code (and its organisation, as a learner); null for an unknown code. */
export async function joinGroup(userId: string, joinCode: string) {
	const group = await prisma.group.findUnique({ where: { joinCode: joinCode.toUpperCase().replace(/[\s-]/g, '') }, select: { id: true, orgId: true, name: true } })
	if (!group) return null
	// The updates change nothing; being non-empty keeps each upsert one INSERT … ON CONFLICT DO
	// UPDATE (with `update: {}` Prisma reads, then inserts, and two joins at once failed on the
	// unique key on PostgreSQL: decision 016). A role the person has keeps.
	await prisma.$transaction([
		prisma.membership.upsert({ where: { orgId_userId: { orgId: group.orgId, userId } }, create: { orgId: group.orgId, userId, role: 'learner' }, update: { userId } }),
		prisma.groupMember.upsert({ where: { groupId_userId: { groupId: group.id, userId } }, create: { groupId: group.id, userId }, update: { userId } }),
	])
	return group
}

/** Assigns the courses to the group (one transaction); assigning again only moves the due date. */
export async function assignCourses(input: { groupId: string; courseSlugs: string[]; dueAt: Date | null; assignedById: string }) {
	await prisma.$transaction(
		input.courseSlugs.map((courseSlug) =>
			prisma.assignment.upsert({
				where: { groupId_courseSlug: { groupId: input.groupId, courseSlug } },
				create: { groupId: input.groupId, courseSlug, dueAt: input.dueAt, assignedById: input.assignedById },
				update: { dueAt: input.dueAt },
			}),
		),
	)
}

/** The courses assigned to the user through their groups, soonest due first. */
export async function assignmentsFor(userId: string) {
	const rows = await prisma.assignment.findMany({
		where: { group: { members: { some: { userId } }, archivedAt: null } },
		select: { courseSlug: true, dueAt: true, group: { select: { name: true } } },
	})
	return rows.sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity))
}

/** The organisation's report settings (decision 015). */
export async function setReportPolicy(orgId: string, policy: ReportPolicy) {
	await prisma.organisation.update({ where: { id: orgId }, data: policy })
}

// Staff and invites: owners invite administrators and report viewers (and co-owners) with a single-use link.

const INVITE_DAYS = 14
const DAY_MS = 24 * 60 * 60 * 1000
/** Only the hash is stored: a leaked database must not let anyone join an organisation. */
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/** Creates an invite and returns its token: shown once, in the link the owner passes on. */
export async function createInvite(input: { orgId: string; role: InviteRole; createdById: string }, now = new Date()) {
	const token = randomBytes(24).toString('base64url')
	await prisma.orgInvite.create({
		data: { orgId: input.orgId, role: input.role, createdById: input.createdById, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + INVITE_DAYS * DAY_MS) },
	})
	return token
}

export async function pendingInvites(orgId: string, now = new Date()) {
	return prisma.orgInvite.findMany({
		where: { orgId, acceptedAt: null, expiresAt: { gt: now } },
		select: { id: true, role: true, expiresAt: true, createdAt: true },
		orderBy: { createdAt: 'desc' },
	})
}

export async function cancelInvite(orgId: string, inviteId: string) {
	const deleted = await prisma.orgInvite.deleteMany({ where: { id: inviteId, orgId, acceptedAt: null } })
	return deleted.count === 1
}

/** The invite behind a token while it can still be accepted; null otherwise (no reason given). */
export async function findOpenInvite(token: string, now = new Date()) {
	if (!/^[\w-]{20,64}$/.test(token)) return null
	const invite = await prisma.orgInvite.findUnique({
		where: { tokenHash: hashToken(token) },
		select: { id: true, role: true, acceptedAt: true, expiresAt: true, org: { select: { id: true, slug: true, name: true, kind: true } } },
	})
	return invite && !invite.acceptedAt && invite.expiresAt > now ? invite : null
}

/**
 * Accepts the invite for the user: single use, even when two requests race (the conditional
 * update decides). An existing owner stays owner; anyone else gets the invited role.
 */
export async function acceptInvite(token: string, userId: string, now = new Date()) {
	const invite = await findOpenInvite(token, now)
	if (!invite) return null
	return prisma.$transaction(async (tx) => {
		const claimed = await tx.orgInvite.updateMany({ where: { id: invite.id, acceptedAt: null }, data: { acceptedAt: now } })
		if (claimed.count !== 1) return null
		const existing = await tx.membership.findUnique({ where: { orgId_userId: { orgId: invite.org.id, userId } }, select: { role: true } })
		if (existing?.role !== 'owner') {
			await tx.membership.upsert({
				where: { orgId_userId: { orgId: invite.org.id, userId } },
				create: { orgId: invite.org.id, userId, role: invite.role },
				update: { role: invite.role },
			})
		}
		return invite.org
	})
}

/** Owners, administrators and report viewers, first the owners. */
export async function orgStaff(orgId: string) {
	const rows = await prisma.membership.findMany({
		where: { orgId, role: { in: [...REPORT_ROLES] } },
		select: { role: true, createdAt: true, user: { select: { id: true, displayName: true, email: true } } },
		orderBy: { createdAt: 'asc' },
	})
	const rank = (role: string) => (ORG_ROLES as readonly string[]).indexOf(role)
	return rows.sort((a, b) => rank(a.role) - rank(b.role)).map((row) => ({ userId: row.user.id, displayName: row.user.displayName, email: row.user.email, role: row.role }))
}

/**
 * Removes an administrator, a report viewer or a co-owner from the organisation's staff (someone still in one of its
 * groups stays there as a learner). The last owner cannot be removed: an organisation always has someone in charge.
 */
export async function removeStaff(orgId: string, userId: string): Promise<'removed' | 'last-owner' | 'not-staff'> {
	return prisma.$transaction(async (tx) => {
		const membership = await tx.membership.findUnique({ where: { orgId_userId: { orgId, userId } }, select: { role: true } })
		if (!membership || membership.role === 'learner') return 'not-staff'
		if (membership.role === 'owner' && (await tx.membership.count({ where: { orgId, role: 'owner' } })) <= 1) return 'last-owner'
		const inAGroup = await tx.groupMember.count({ where: { userId, group: { orgId } } })
		if (inAGroup > 0) await tx.membership.update({ where: { orgId_userId: { orgId, userId } }, data: { role: 'learner' } })
		else await tx.membership.delete({ where: { orgId_userId: { orgId, userId } } })
		return 'removed'
	})
}
