// Pupil accounts: created by a teacher in bulk, signing in with the organisation's code, a
// username and a PIN. A PIN is stored only as an argon2id hash, so it can be shown once, on the
// login cards printed right after creation or a reset, and never again (decision 014).
import { randomInt } from 'node:crypto'
import type { Prisma } from '~/generated/prisma/client.ts'
import { isUniqueViolation } from '~/utils/db-errors.server.ts'
import { uniqueUsername } from '~/orgs/usernames.ts'
import { displayName } from '~/utils/account-fields.ts'
import { prisma } from '~/utils/db.server.ts'
import { hashPassword } from '~/utils/password.server.ts'

export const PIN_DIGITS = 6
export const MAX_NAMES = 200

export type LoginCard = { name: string; username: string; pin: string }

export function newPin(): string {
	return randomInt(0, 10 ** PIN_DIGITS)
		.toString()
		.padStart(PIN_DIGITS, '0')
}

/**
 * Hashes two at a time: argon2id takes ~40 ms of a core per PIN here, and running them all at
 * once would fill libuv's thread pool and stall every other request's file and hash work.
 */
export async function hashPins(pins: string[]): Promise<string[]> {
	const hashes: string[] = new Array(pins.length)
	let next = 0
	const worker = async () => {
		while (next < pins.length) {
			const index = next++
			hashes[index] = await hashPassword(pins[index]!)
		}
	}
	await Promise.all([worker(), worker()])
	return hashes
}

export type NameProblem = { line: number; code: 'formula' | 'nameInvalid' } | { line: number; code: 'duplicate'; first: number }
export type NamesResult = { ok: true; names: string[] } | { ok: false; error: 'none' | 'tooMany'; max: number } | { ok: false; error: 'lines'; problems: NameProblem[] }

/** "One name per line" from a textarea: every line checked, blank lines skipped. */
export function parseNames(text: string): NamesResult {
	const lines = text.split(/\r\n|\r|\n/)
	const names: string[] = []
	const problems: NameProblem[] = []
	const seen = new Map<string, number>()
	for (const [index, raw] of lines.entries()) {
		const name = raw.trim().replace(/\s+/g, ' ')
		const line = index + 1
		if (!name) continue
		const first = seen.get(name.toLowerCase())
		if (/^[=+\-@]/.test(name)) problems.push({ line, code: 'formula' })
		else if (!displayName.safeParse(name).success) problems.push({ line, code: 'nameInvalid' })
		else if (first !== undefined) problems.push({ line, code: 'duplicate', first })
		else {
			seen.set(name.toLowerCase(), line)
			names.push(name)
		}
	}
	if (problems.length > 0) return { ok: false, error: 'lines', problems: problems.slice(0, 50) }
	if (names.length === 0) return { ok: false, error: 'none', max: MAX_NAMES }
	if (names.length > MAX_NAMES) return { ok: false, error: 'tooMany', max: MAX_NAMES }
	return { ok: true, names }
}

/** Every pupil username already used in the organisation. */
export async function takenUsernames(orgId: string, client: Prisma.TransactionClient = prisma): Promise<Set<string>> {
	const rows = await client.user.findMany({ where: { pupilOrgId: orgId }, select: { pupilUsername: true } })
	return new Set(rows.flatMap((row) => (row.pupilUsername ? [row.pupilUsername] : [])))
}

export type NewPupil = { name: string; username: string; groupId: string; pinHash: string }

/** Writes the accounts (with learner, organisation membership and group). Call inside a transaction. */
export async function insertPupils(tx: Prisma.TransactionClient, org: { id: string; locale: string }, pupils: NewPupil[]) {
	for (const pupil of pupils) {
		await tx.user.create({
			data: {
				displayName: pupil.name,
				pupilOrgId: org.id,
				pupilUsername: pupil.username,
				locale: org.locale,
				password: { create: { hash: pupil.pinHash } },
				learner: { create: {} },
				memberships: { create: { orgId: org.id, role: 'learner' } },
				groupMemberships: { create: { groupId: pupil.groupId } },
			},
			select: { id: true },
		})
	}
}

/**
 * New pupil accounts in the group, with generated usernames and PINs: the cards to print, and the
 * names skipped because a pupil of the class already has them (a list pasted twice makes nobody twice).
 */
export async function createPupils(orgId: string, groupId: string, names: string[]): Promise<{ cards: LoginCard[]; skipped: string[] }> {
	const org = await prisma.organisation.findUniqueOrThrow({ where: { id: orgId }, select: { id: true, locale: true } })
	const inClass = new Set((await groupPupils(orgId, groupId)).map((pupil) => pupil.displayName.toLowerCase()))
	const skipped = names.filter((name) => inClass.has(name.toLowerCase()))
	const fresh = names.filter((name) => !inClass.has(name.toLowerCase()))
	const pins = fresh.map(() => newPin())
	const hashes = await hashPins(pins)
	// Another teacher may take a username between reading and writing: the unique index says so,
	// and the whole batch is tried again with fresh names.
	for (let attempt = 1; ; attempt++) {
		try {
			return await prisma.$transaction(
				async (tx) => {
					const taken = await takenUsernames(org.id, tx)
					const pupils = fresh.map((name, i) => ({ name, username: uniqueUsername(name, taken), groupId, pinHash: hashes[i]! }))
					await insertPupils(tx, org, pupils)
					return { cards: pupils.map((pupil, i) => ({ name: pupil.name, username: pupil.username, pin: pins[i]! })), skipped }
				},
				{ timeout: 60_000 },
			)
		} catch (error) {
			if (attempt >= 3 || !isUniqueViolation(error)) throw error
		}
	}
}

/** The pupil accounts of this organisation that are in the group. */
export async function groupPupils(orgId: string, groupId: string) {
	return prisma.user.findMany({
		where: { pupilOrgId: orgId, groupMemberships: { some: { groupId } } },
		select: { id: true, displayName: true, pupilUsername: true },
		orderBy: [{ displayName: 'asc' }, { pupilUsername: 'asc' }],
	})
}

/**
 * New PINs for these pupils of the organisation's group, signing each out everywhere (a reset
 * is what a teacher does when a card was lost or seen by someone else). Null when any id is not
 * a pupil of that group: the caller answers 404 and nothing changes.
 */
export async function resetPins(orgId: string, groupId: string, userIds: string[]): Promise<LoginCard[] | null> {
	const unique = [...new Set(userIds)]
	if (unique.length === 0) return null
	const pupils = await prisma.user.findMany({
		where: { id: { in: unique }, pupilOrgId: orgId, groupMemberships: { some: { groupId } } },
		select: { id: true, displayName: true, pupilUsername: true },
		orderBy: [{ displayName: 'asc' }, { pupilUsername: 'asc' }],
	})
	if (pupils.length !== unique.length) return null
	const pins = pupils.map(() => newPin())
	const hashes = await hashPins(pins)
	await prisma.$transaction(
		async (tx) => {
			for (const [i, pupil] of pupils.entries()) {
				await tx.password.upsert({ where: { userId: pupil.id }, create: { userId: pupil.id, hash: hashes[i]! }, update: { hash: hashes[i]! } })
			}
			await tx.session.deleteMany({ where: { userId: { in: unique } } })
		},
		{ timeout: 60_000 },
	)
	return pupils.map((pupil, i) => ({ name: pupil.displayName, username: pupil.pupilUsername ?? '', pin: pins[i]! }))
}
