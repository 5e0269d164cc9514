// A OneRoster roster (app/orgs/oneroster.ts) imported into an organisation the way a CSV
// enrolment is (decision 014, decision 023): a plan shown before anything is written, then the
// same plan made again from the same zip and written in one transaction. Classes become the
// organisation's groups, students pupil accounts, student enrolments group membership; each
// sourcedId is kept, so importing the same roster again changes nothing.
import { createHash } from 'node:crypto'
import { Prisma } from '~/generated/prisma/client.ts'
import { readRosterZip, type Roster, type RosterError } from '~/orgs/oneroster.ts'
import { uniqueUsername } from '~/orgs/usernames.ts'
import { prisma } from '~/utils/db.server.ts'
import { randomCharacters } from '~/utils/random-code.server.ts'
import { hashPins, insertPupils, newPin, takenUsernames, type LoginCard } from '~/models/pupils.server.ts'

type Org = { id: string; locale: string }

/** create: a new group; link: a group of that name without a roster id gets this one; keep: imported before. */
type ClassPlan = { sourcedId: string; title: string; action: 'create' | 'link' | 'keep'; groupId: string | null; members: MemberPlan[] }
/** create: a new pupil account; link: an existing pupil (same username) or account (same email); keep: imported before. */
type StudentPlan = { sourcedId: string; name: string; action: 'create' | 'link' | 'keep'; userId: string | null; username: string | null }
type MemberPlan = { sourcedId: string; name: string; action: 'add' | 'skip' }
type RosterPlan = {
	classes: ClassPlan[]
	students: StudentPlan[]
	/** People in the roster who are not imported: staff (invited by the owner instead) and students in no class. */
	others: { name: string; role: string }[]
	counts: { classes: number; students: number; linked: number; added: number; unchanged: number }
	fingerprint: string
}
export type PlanResult = { ok: true; plan: RosterPlan } | { ok: false; error: RosterError }

export async function planRosterImport(org: Org, bytes: Uint8Array): Promise<PlanResult> {
	const read = readRosterZip(bytes)
	if (!read.ok) return read
	return { ok: true, plan: await planRoster(org, read.roster) }
}

async function planRoster(org: Org, roster: Roster): Promise<RosterPlan> {
	const enrolled = new Set(roster.enrolments.map((e) => e.userSourcedId))
	const students = roster.students.filter((s) => enrolled.has(s.sourcedId))
	const [classLinks, userLinks, groups, pupils, accounts, taken] = await Promise.all([
		prisma.oneRosterClass.findMany({ where: { orgId: org.id, sourcedId: { in: roster.classes.map((c) => c.sourcedId) } }, select: { sourcedId: true, groupId: true } }),
		prisma.oneRosterUser.findMany({ where: { orgId: org.id }, select: { sourcedId: true, userId: true } }),
		prisma.group.findMany({ where: { orgId: org.id, archivedAt: null, oneRoster: null }, select: { id: true, name: true } }),
		prisma.user.findMany({ where: { pupilOrgId: org.id, pupilUsername: { in: students.flatMap((s) => (s.username ? [s.username] : [])) } }, select: { id: true, pupilUsername: true } }),
		prisma.user.findMany({ where: { email: { in: students.flatMap((s) => (s.email ? [s.email] : [])) } }, select: { id: true, email: true } }),
		takenUsernames(org.id),
	])
	const groupOf = new Map(classLinks.map((link) => [link.sourcedId, link.groupId]))
	const userOf = new Map(userLinks.map((link) => [link.sourcedId, link.userId]))
	const mappedUsers = new Set(userLinks.map((link) => link.userId))
	const byName = new Map<string, string[]>()
	for (const group of groups) byName.set(group.name.trim().toLowerCase(), [...(byName.get(group.name.trim().toLowerCase()) ?? []), group.id])
	const pupilByUsername = new Map(pupils.map((p) => [p.pupilUsername!, p.id]))
	const accountByEmail = new Map(accounts.map((a) => [a.email!, a.id]))
	for (const s of students) if (s.username && !pupilByUsername.has(s.username)) taken.add(s.username)

	const studentPlans = new Map<string, StudentPlan>()
	const claimed = new Set<string>()
	for (const student of students) {
		const base = { sourcedId: student.sourcedId, name: student.name, userId: null, username: null }
		const kept = userOf.get(student.sourcedId)
		// A person already imported under another sourcedId is not taken over by this one.
		const free = (id: string | undefined) => (id && !mappedUsers.has(id) ? id : undefined)
		const existing = free(student.username ? pupilByUsername.get(student.username) : undefined) ?? free(student.email ? accountByEmail.get(student.email) : undefined)
		if (kept) studentPlans.set(student.sourcedId, { ...base, action: 'keep', userId: kept })
		else if (existing) {
			mappedUsers.add(existing)
			studentPlans.set(student.sourcedId, { ...base, action: 'link', userId: existing })
		} else {
			// The roster's username when it is free (and no earlier student of the roster took it), else one made from the name.
			const own = student.username && !pupilByUsername.has(student.username) && !claimed.has(student.username) ? student.username : null
			if (own) claimed.add(own)
			const username = own ?? uniqueUsername(student.name, taken)
			studentPlans.set(student.sourcedId, { ...base, action: 'create', username })
		}
	}

	const userIds = [...studentPlans.values()].flatMap((s) => (s.userId ? [s.userId] : []))
	const memberships = await prisma.groupMember.findMany({ where: { userId: { in: userIds }, group: { orgId: org.id } }, select: { groupId: true, userId: true } })
	const isMember = new Set(memberships.map((m) => `${m.groupId}\u0000${m.userId}`))
	const classes = roster.classes.map((rosterClass): ClassPlan => {
		const kept = groupOf.get(rosterClass.sourcedId)
		const named = byName.get(rosterClass.title.toLowerCase())
		// A class already made by hand with the same name (and only one such) becomes the roster's class.
		const linked = !kept && named?.length === 1 ? named[0]! : null
		if (linked) byName.delete(rosterClass.title.toLowerCase())
		const groupId = kept ?? linked
		const members = roster.enrolments
			.filter((e) => e.classSourcedId === rosterClass.sourcedId && studentPlans.has(e.userSourcedId))
			.map((e): MemberPlan => {
				const student = studentPlans.get(e.userSourcedId)!
				const already = groupId && student.userId && isMember.has(`${groupId}\u0000${student.userId}`)
				return { sourcedId: student.sourcedId, name: student.name, action: already ? 'skip' : 'add' }
			})
		return { sourcedId: rosterClass.sourcedId, title: rosterClass.title, action: kept ? 'keep' : linked ? 'link' : 'create', groupId, members }
	})

	const plans = [...studentPlans.values()]
	const others = [
		...roster.others.map((o) => ({ name: o.name, role: o.role })),
		...roster.students.filter((s) => !enrolled.has(s.sourcedId)).map((s) => ({ name: s.name, role: 'unenrolled' })),
	]
	const added = classes.reduce((sum, c) => sum + c.members.filter((m) => m.action === 'add').length, 0)
	const counts = {
		classes: classes.filter((c) => c.action === 'create').length,
		students: plans.filter((s) => s.action === 'create').length,
		linked: plans.filter((s) => s.action === 'link').length + classes.filter((c) => c.action === 'link').length,
		added,
		unchanged: classes.reduce((sum, c) => sum + c.members.filter((m) => m.action === 'skip').length, 0),
	}
	return { classes, students: plans, others, counts, fingerprint: fingerprint(classes, plans) }
}

function fingerprint(classes: ClassPlan[], students: StudentPlan[]): string {
	const essence = [classes.map((c) => [c.sourcedId, c.title, c.action, c.groupId, c.members.map((m) => [m.sourcedId, m.action])]), students.map((s) => [s.sourcedId, s.name, s.action, s.userId, s.username])]
	return createHash('sha256').update(JSON.stringify(essence)).digest('base64url')
}

export const hasChanges = (plan: RosterPlan) => plan.counts.classes + plan.counts.students + plan.counts.linked + plan.counts.added > 0

type ImportOutcome = { ok: true; cards: LoginCard[]; counts: RosterPlan['counts'] } | { ok: false; changed: true; result: PlanResult }

/**
 * Plans again from the zip (the browser's copy of the preview is never trusted) and writes it
 * only if it is the plan the administrator saw; otherwise returns the new plan to show.
 */
export async function commitRosterImport(org: Org, bytes: Uint8Array, seen: string): Promise<ImportOutcome> {
	const result = await planRosterImport(org, bytes)
	if (!result.ok || result.plan.fingerprint !== seen) return { ok: false, changed: true, result }
	const cards = await applyRosterPlan(org, result.plan)
	if (cards) return { ok: true, cards, counts: result.plan.counts }
	return { ok: false, changed: true, result: await planRosterImport(org, bytes) }
}

/** Everything in one transaction, or nothing (null) when the world changed under the plan (a username taken meanwhile). */
async function applyRosterPlan(org: Org, plan: RosterPlan): Promise<LoginCard[] | null> {
	const creates = plan.students.filter((s) => s.action === 'create')
	const pins = creates.map(() => newPin())
	const hashes = await hashPins(pins)
	try {
		await prisma.$transaction(
			async (tx) => {
				const groupIds = new Map<string, string>()
				for (const c of plan.classes) {
					if (c.action === 'create') {
						const group = await tx.group.create({ data: { orgId: org.id, name: c.title, joinCode: randomCharacters(8) }, select: { id: true } })
						groupIds.set(c.sourcedId, group.id)
					} else groupIds.set(c.sourcedId, c.groupId!)
					if (c.action !== 'keep') await tx.oneRosterClass.create({ data: { orgId: org.id, sourcedId: c.sourcedId, groupId: groupIds.get(c.sourcedId)! } })
				}
				// A new pupil starts in its first class (as CSV enrolment makes them); other classes are added below.
				const firstClass = new Map<string, string>()
				for (const c of plan.classes) for (const m of c.members) if (!firstClass.has(m.sourcedId)) firstClass.set(m.sourcedId, groupIds.get(c.sourcedId)!)
				await insertPupils(
					tx,
					org,
					creates.map((s, i) => ({ name: s.name, username: s.username!, groupId: firstClass.get(s.sourcedId)!, pinHash: hashes[i]! })),
				)
				const created = await tx.user.findMany({ where: { pupilOrgId: org.id, pupilUsername: { in: creates.map((s) => s.username!) } }, select: { id: true, pupilUsername: true } })
				const createdId = new Map(created.map((u) => [u.pupilUsername!, u.id]))
				const userIds = new Map<string, string>()
				for (const s of plan.students) userIds.set(s.sourcedId, s.userId ?? createdId.get(s.username!)!)
				for (const s of plan.students) {
					if (s.action === 'keep') continue
					await tx.oneRosterUser.create({ data: { orgId: org.id, sourcedId: s.sourcedId, userId: userIds.get(s.sourcedId)! } })
					if (s.action === 'link') await tx.membership.upsert({ where: { orgId_userId: { orgId: org.id, userId: s.userId! } }, create: { orgId: org.id, userId: s.userId!, role: 'learner' }, update: {} })
				}
				for (const c of plan.classes) {
					for (const m of c.members) {
						if (m.action !== 'add') continue
						const key = { groupId: groupIds.get(c.sourcedId)!, userId: userIds.get(m.sourcedId)! }
						await tx.groupMember.upsert({ where: { groupId_userId: key }, create: key, update: {} })
					}
				}
			},
			{ timeout: 120_000 },
		)
	} catch (error) {
		// A username or sourcedId taken, or a person or class deleted, since the plan was made.
		if (error instanceof Prisma.PrismaClientKnownRequestError && ['P2002', 'P2003', 'P2025'].includes(error.code)) return null
		throw error
	}
	return creates.map((s, i) => ({ name: s.name, username: s.username!, pin: pins[i]! }))
}
