// Bulk enrolment from a CSV: a plan (every row: create a pupil account, add an existing person,
// nothing to do, or an error with its reason) shown before anything is written, then the same
// plan made again from the same text and written in one transaction (decision 014).
import { createHash } from 'node:crypto'
import { Prisma } from '~/generated/prisma/client.ts'
import { isEmail, readEnrolmentText, type CsvRow, type Encoding, type FileError, type RowProblem } from '~/orgs/csv.ts'
import { uniqueUsername } from '~/orgs/usernames.ts'
import { prisma } from '~/utils/db.server.ts'
import { hashPins, insertPupils, newPin, takenUsernames, type LoginCard } from '~/models/pupils.server.ts'

export type RowReason = RowProblem | { code: 'noAccount' } | { code: 'unknownGroup'; group: string } | { code: 'ambiguousGroup'; group: string } | { code: 'alreadyInGroup' } | { code: 'samePupil' }

export type PlanRow = {
	line: number
	name: string
	login: string
	status: 'create' | 'add' | 'skip' | 'error'
	reason: RowReason | null
	groupId: string | null
	groupName: string
	/** The username a new pupil gets, or the existing person's id. */
	username: string | null
	userId: string | null
}

export type Plan =
	| { ok: true; encoding: Encoding; rows: PlanRow[]; counts: Record<PlanRow['status'], number>; fingerprint: string }
	| { ok: false; error: FileError }

type Org = { id: string }
type Group = { id: string; name: string }

export async function planEnrolment(org: Org, group: Group, text: string, encoding: Encoding = 'utf-8'): Promise<Plan> {
	const read = readEnrolmentText(text, encoding)
	if (!read.ok) return read
	const groups = await prisma.group.findMany({ where: { orgId: org.id, archivedAt: null }, select: { id: true, name: true } })
	const byName = new Map<string, Group[]>()
	for (const g of groups) byName.set(g.name.trim().toLowerCase(), [...(byName.get(g.name.trim().toLowerCase()) ?? []), g])

	const valid = read.rows.filter((row) => !row.problem)
	const emails = valid.filter((row) => row.login && isEmail(row.login)).map((row) => row.login)
	const usernames = valid.filter((row) => row.login && !isEmail(row.login)).map((row) => row.login)
	const [byEmail, pupils, taken, named] = await Promise.all([
		prisma.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true, groupMemberships: { select: { groupId: true } } } }),
		prisma.user.findMany({ where: { pupilOrgId: org.id, pupilUsername: { in: usernames } }, select: { id: true, pupilUsername: true, groupMemberships: { select: { groupId: true } } } }),
		takenUsernames(org.id),
		prisma.user.findMany({ where: { pupilOrgId: org.id, groupMemberships: { some: {} } }, select: { id: true, displayName: true, groupMemberships: { select: { groupId: true } } } }),
	])
	// A row without a login whose name is already a pupil of the target class is that pupil: an
	// uploaded-again file must not make everyone twice. (Namesakes in one class get a username.)
	const pupilByName = new Map<string, string>()
	for (const user of named) for (const m of user.groupMemberships) pupilByName.set(`${m.groupId}\u0000${user.displayName.toLowerCase()}`, user.id)
	const existing = new Map<string, { id: string; groups: string[] }>()
	for (const user of byEmail) existing.set(user.email!, { id: user.id, groups: user.groupMemberships.map((m) => m.groupId) })
	for (const user of pupils) existing.set(user.pupilUsername!, { id: user.id, groups: user.groupMemberships.map((m) => m.groupId) })
	// Usernames written in the file are kept for those rows; generated ones must avoid them.
	for (const login of usernames) taken.add(login)

	const rows = read.rows.map((row): PlanRow => {
		const base = { line: row.line, name: row.name, login: row.login, groupName: row.group || group.name, groupId: null, username: null, userId: null }
		if (row.problem) return { ...base, status: 'error', reason: row.problem }
		const target = targetGroup(row, group, byName)
		if ('code' in target) return { ...base, status: 'error', reason: target }
		const planned = { ...base, groupId: target.id, groupName: target.name }
		if (!row.login) {
			const same = pupilByName.get(`${target.id}\u0000${row.name.toLowerCase()}`)
			if (same) return { ...planned, status: 'skip', reason: { code: 'samePupil' }, userId: same }
			return { ...planned, status: 'create', reason: null, username: uniqueUsername(row.name, taken) }
		}
		const person = existing.get(row.login)
		if (person) return { ...planned, status: person.groups.includes(target.id) ? 'skip' : 'add', reason: person.groups.includes(target.id) ? { code: 'alreadyInGroup' } : null, userId: person.id }
		if (isEmail(row.login)) return { ...planned, status: 'error', reason: { code: 'noAccount' } }
		return { ...planned, status: 'create', reason: null, username: row.login }
	})
	const counts = { create: 0, add: 0, skip: 0, error: 0 }
	for (const row of rows) counts[row.status]++
	return { ok: true, encoding: read.encoding, rows, counts, fingerprint: fingerprint(rows) }
}

/** An empty group cell is the group the page is about; any other must name a class of the organisation. */
function targetGroup(row: CsvRow, group: Group, byName: Map<string, Group[]>): Group | RowReason {
	if (!row.group) return group
	const found = byName.get(row.group.toLowerCase()) ?? []
	if (found.length === 1) return found[0]!
	return found.length === 0 ? { code: 'unknownGroup', group: row.group.slice(0, 80) } : { code: 'ambiguousGroup', group: row.group.slice(0, 80) }
}

function fingerprint(rows: PlanRow[]): string {
	const essence = rows.map((row) => [row.line, row.status, row.groupId, row.username, row.userId])
	return createHash('sha256').update(JSON.stringify(essence)).digest('base64url')
}

export type Outcome =
	| { ok: true; cards: LoginCard[]; created: number; added: number }
	| { ok: false; changed: true; plan: Plan }

/**
 * Plans again from the text (the browser's copy of the preview is never trusted) and writes it
 * only if it is the plan the teacher saw; otherwise returns the new plan to show.
 */
export async function commitEnrolment(org: Org & { locale: string }, group: Group, text: string, seen: string): Promise<Outcome> {
	const plan = await planEnrolment(org, group, text)
	if (!plan.ok || plan.fingerprint !== seen) return { ok: false, changed: true, plan }
	const written = await applyPlan(org, plan.rows)
	if (written) return { ok: true, ...written }
	return { ok: false, changed: true, plan: await planEnrolment(org, group, text) }
}

/**
 * Writes every create and add row in one transaction: all of them or, if anything fails (a
 * username taken meanwhile), none. Null on such a conflict.
 */
export async function applyPlan(org: Org & { locale: string }, rows: PlanRow[]) {
	const creates = rows.filter((row) => row.status === 'create')
	const adds = rows.filter((row) => row.status === 'add')
	const pins = creates.map(() => newPin())
	const hashes = await hashPins(pins)
	try {
		await prisma.$transaction(
			async (tx) => {
				await insertPupils(
					tx,
					org,
					creates.map((row, i) => ({ name: row.name, username: row.username!, groupId: row.groupId!, pinHash: hashes[i]! })),
				)
				for (const row of adds) {
					// Updates that change nothing: one INSERT … ON CONFLICT each, so a join or another
					// enrolment of the same person meanwhile is no conflict (decision 016).
					const userId = row.userId!
					await tx.membership.upsert({ where: { orgId_userId: { orgId: org.id, userId } }, create: { orgId: org.id, userId, role: 'learner' }, update: { userId } })
					await tx.groupMember.upsert({ where: { groupId_userId: { groupId: row.groupId!, userId } }, create: { groupId: row.groupId!, userId }, update: { userId } })
				}
			},
			{ timeout: 120_000 },
		)
	} catch (error) {
		// A username taken, or a person deleted, since the plan was made.
		if (error instanceof Prisma.PrismaClientKnownRequestError && ['P2002', 'P2003', 'P2025'].includes(error.code)) return null
		throw error
	}
	return { cards: creates.map((row, i) => ({ name: row.name, username: row.username!, pin: pins[i]! })), created: creates.length, added: adds.length }
}
