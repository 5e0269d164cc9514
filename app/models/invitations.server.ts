// Invitations by email (decision 020): an organisation's owners and administrators invite one
// address or a CSV of names and emails; each person gets a link to set a password, or to accept
// with the account they already have. Only the token's hash is stored; a link works once, until it
// expires, unless it was withdrawn or resent (a resend makes a new token).
import { createHash, randomBytes } from 'node:crypto'
import { readEnrolmentText, type Encoding, type FileError, type RowProblem } from '~/orgs/csv.ts'
import { ORG_ROLES, type OrgRole } from '~/orgs/roles.ts'
import { prisma } from '~/utils/db.server.ts'

export const INVITATION_DAYS = 14
const DAY_MS = 24 * 60 * 60 * 1000

export const hashInvitationToken = (token: string) => createHash('sha256').update(token).digest('hex')
const newToken = () => randomBytes(32).toString('base64url')

type InvitationStatus = 'pending' | 'accepted' | 'withdrawn' | 'expired'

function invitationStatus(invitation: { acceptedAt: Date | null; withdrawnAt: Date | null; expiresAt: Date }, now = new Date()): InvitationStatus {
	if (invitation.acceptedAt) return 'accepted'
	if (invitation.withdrawnAt) return 'withdrawn'
	return invitation.expiresAt <= now ? 'expired' : 'pending'
}

type Org = { id: string }
type InvitationInput = { email: string; name: string; role: OrgRole; groupId: string | null }

/**
 * Creates the invitation (or renews the open one for the same address, so a second invite is a
 * resend), and returns the token to mail. Null when the address is already in the organisation
 * with this role or a higher one.
 */
export async function createInvitation(org: Org, input: InvitationInput, createdById: string, now = new Date()): Promise<{ id: string; token: string } | null> {
	const email = input.email.toLowerCase()
	const member = await prisma.membership.findFirst({ where: { orgId: org.id, user: { email } }, select: { role: true, user: { select: { groupMemberships: { where: { groupId: input.groupId ?? '' }, select: { groupId: true } } } } } })
	if (member && rank(member.role) <= rank(input.role) && (!input.groupId || member.user.groupMemberships.length > 0)) return null
	const token = newToken()
	const fields = { tokenHash: hashInvitationToken(token), expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY_MS), sentAt: now }
	const open = await prisma.invitation.findFirst({ where: { orgId: org.id, email, acceptedAt: null, withdrawnAt: null }, select: { id: true }, orderBy: { createdAt: 'desc' } })
	const saved = open
		? await prisma.invitation.update({ where: { id: open.id }, data: { ...fields, name: input.name, role: input.role, groupId: input.groupId, sendCount: { increment: 1 } }, select: { id: true } })
		: await prisma.invitation.create({ data: { ...fields, orgId: org.id, email, name: input.name, role: input.role, groupId: input.groupId, createdById }, select: { id: true } })
	return { id: saved.id, token }
}

/** A new link for an open (or expired) invitation of this organisation; null if it is not one. */
export async function renewInvitation(org: Org, id: string, now = new Date()): Promise<{ token: string; email: string; name: string } | null> {
	const token = newToken()
	const { count } = await prisma.invitation.updateMany({
		where: { id, orgId: org.id, acceptedAt: null, withdrawnAt: null },
		data: { tokenHash: hashInvitationToken(token), expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY_MS), sentAt: now, sendCount: { increment: 1 } },
	})
	if (count === 0) return null
	const invitation = await prisma.invitation.findUniqueOrThrow({ where: { id }, select: { email: true, name: true } })
	return { token, ...invitation }
}

export async function withdrawInvitation(org: Org, id: string, now = new Date()): Promise<boolean> {
	const { count } = await prisma.invitation.updateMany({ where: { id, orgId: org.id, acceptedAt: null, withdrawnAt: null }, data: { withdrawnAt: now } })
	return count === 1
}

export async function orgInvitations(orgId: string, now = new Date()) {
	const rows = await prisma.invitation.findMany({
		where: { orgId },
		select: { id: true, email: true, name: true, role: true, sentAt: true, sendCount: true, expiresAt: true, acceptedAt: true, withdrawnAt: true, group: { select: { name: true } } },
		orderBy: { createdAt: 'desc' },
		take: 1000,
	})
	return rows.map((row) => ({ id: row.id, email: row.email, name: row.name, role: row.role, group: row.group?.name ?? null, sentAt: row.sentAt, sendCount: row.sendCount, status: invitationStatus(row, now) }))
}

/** The open invitation behind a link, with its organisation, and whether its address has an account. */
export async function findOpenInvitation(token: string, now = new Date()) {
	if (!token || token.length > 100) return null
	const invitation = await prisma.invitation.findUnique({
		where: { tokenHash: hashInvitationToken(token) },
		select: { id: true, email: true, name: true, role: true, expiresAt: true, acceptedAt: true, withdrawnAt: true, org: { select: { name: true, kind: true, locale: true } }, group: { select: { name: true } } },
	})
	if (!invitation || invitationStatus(invitation, now) !== 'pending') return null
	const account = await prisma.user.count({ where: { email: invitation.email } })
	return { ...invitation, hasAccount: account > 0 }
}

const rank = (role: string) => ORG_ROLES.indexOf(role as OrgRole)

/**
 * Uses the invitation for this account, once: its membership takes the invited role (never a
 * lower one than it has), and it joins the invited group. False when the link is no longer open.
 */
export async function acceptInvitation(token: string, userId: string, now = new Date()): Promise<{ orgSlug: string; role: string } | null> {
	return prisma.$transaction(async (tx) => {
		const tokenHash = hashInvitationToken(token)
		const invitation = await tx.invitation.findUnique({ where: { tokenHash }, select: { id: true, orgId: true, role: true, groupId: true, org: { select: { slug: true } } } })
		if (!invitation) return null
		const { count } = await tx.invitation.updateMany({ where: { id: invitation.id, tokenHash, acceptedAt: null, withdrawnAt: null, expiresAt: { gt: now } }, data: { acceptedAt: now, acceptedById: userId } })
		if (count === 0) return null
		const existing = await tx.membership.findUnique({ where: { orgId_userId: { orgId: invitation.orgId, userId } }, select: { role: true } })
		if (!existing) await tx.membership.create({ data: { orgId: invitation.orgId, userId, role: invitation.role } })
		else if (rank(invitation.role) < rank(existing.role)) await tx.membership.update({ where: { orgId_userId: { orgId: invitation.orgId, userId } }, data: { role: invitation.role } })
		if (invitation.groupId) await tx.groupMember.upsert({ where: { groupId_userId: { groupId: invitation.groupId, userId } }, create: { groupId: invitation.groupId, userId }, update: {} })
		return { orgSlug: invitation.org.slug, role: invitation.role }
	})
}

/** A new account for the invited address (the link proves it), and the invitation accepted with it. */
export async function acceptWithNewAccount(token: string, input: { displayName: string; passwordHash: string; locale: string }, now = new Date()) {
	const invitation = await findOpenInvitation(token, now)
	if (!invitation || invitation.hasAccount) return null
	// Two tabs finishing at once: the address is unique, so the second finds it taken.
	const user = await prisma.user
		.create({
			data: { displayName: input.displayName, email: invitation.email, locale: input.locale, password: { create: { hash: input.passwordHash } }, learner: { create: {} } },
			select: { id: true },
		})
		.catch(() => null)
	if (!user) return null
	const accepted = await acceptInvitation(token, user.id, now)
	if (!accepted) {
		await prisma.user.delete({ where: { id: user.id } })
		return null
	}
	return { userId: user.id, ...accepted }
}

// A CSV of names and emails (and, if wanted, a team or class): read like a class list, then each
// row's fate in this organisation, shown before anything is sent.
type InvitationRowReason = RowProblem | { code: 'emailMissing' } | { code: 'unknownGroup'; group: string } | { code: 'ambiguousGroup'; group: string } | { code: 'alreadyMember' }
type InvitationPlanRow = { line: number; name: string; email: string; groupId: string | null; groupName: string | null; status: 'invite' | 'skip' | 'error'; reason: InvitationRowReason | null }
export type InvitationPlan =
	| { ok: true; encoding: Encoding; rows: InvitationPlanRow[]; counts: Record<InvitationPlanRow['status'], number>; fingerprint: string }
	| { ok: false; error: FileError }

export async function planInvitations(org: Org, text: string, encoding: Encoding = 'utf-8', defaultGroup: { id: string; name: string } | null = null): Promise<InvitationPlan> {
	const read = readEnrolmentText(text, encoding)
	if (!read.ok) return read
	const groups = await prisma.group.findMany({ where: { orgId: org.id, archivedAt: null }, select: { id: true, name: true } })
	const members = await prisma.membership.findMany({ where: { orgId: org.id, user: { email: { in: read.rows.map((row) => row.login).filter(Boolean) } } }, select: { user: { select: { email: true, groupMemberships: { select: { groupId: true } } } } } })
	const memberGroups = new Map(members.map((m) => [m.user.email!, new Set(m.user.groupMemberships.map((g) => g.groupId))]))
	const rows = read.rows.map((row): InvitationPlanRow => {
		const base = { line: row.line, name: row.name, email: row.login, groupId: defaultGroup?.id ?? null, groupName: defaultGroup?.name ?? null }
		if (row.problem) return { ...base, status: 'error', reason: row.problem }
		if (!row.login || !row.login.includes('@')) return { ...base, status: 'error', reason: { code: 'emailMissing' } }
		let group = defaultGroup
		if (row.group) {
			const found = groups.filter((g) => g.name.trim().toLowerCase() === row.group.trim().toLowerCase())
			if (found.length === 0) return { ...base, status: 'error', reason: { code: 'unknownGroup', group: row.group } }
			if (found.length > 1) return { ...base, status: 'error', reason: { code: 'ambiguousGroup', group: row.group } }
			group = found[0]!
		}
		const inGroups = memberGroups.get(row.login)
		if (inGroups && (!group || inGroups.has(group.id))) return { ...base, groupId: group?.id ?? null, groupName: group?.name ?? null, status: 'skip', reason: { code: 'alreadyMember' } }
		return { ...base, groupId: group?.id ?? null, groupName: group?.name ?? null, status: 'invite', reason: null }
	})
	const counts = { invite: 0, skip: 0, error: 0 }
	for (const row of rows) counts[row.status]++
	const fingerprint = createHash('sha256')
		.update(JSON.stringify(rows.map((row) => [row.line, row.name, row.email, row.groupId, row.status])))
		.digest('hex')
	return { ok: true, encoding, rows, counts, fingerprint }
}
