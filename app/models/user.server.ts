// Accounts: sign-up, sign-in (email or username; pupils with organisation code + username +
// PIN), password changes and resets, export and deletion.
import { createHash, randomBytes } from 'node:crypto'
import type { Prisma } from '~/generated/prisma/client.ts'
import { nameKeys } from '~/orgs/name-order.ts'
import { prisma } from '~/utils/db.server.ts'
import { hashPassword, verifyPassword } from '~/utils/password.server.ts'
import type { Locale } from '~/config/i18n.ts'

export function isEmail(login: string) {
	return login.includes('@')
}

export async function loginTaken(login: string): Promise<boolean> {
	const where = isEmail(login) ? { email: login.toLowerCase() } : { username: login.toLowerCase() }
	return (await prisma.user.count({ where })) > 0
}

export async function createAccount(input: { displayName: string; login: string; passwordHash: string; locale: Locale }) {
	const login = input.login.toLowerCase()
	return prisma.user.create({
		data: {
			displayName: input.displayName,
			email: isEmail(login) ? login : null,
			username: isEmail(login) ? null : login,
			locale: input.locale,
			password: { create: { hash: input.passwordHash } },
			learner: { create: {} },
		},
		select: { id: true },
	})
}

/** The user id for these credentials, or null — after the same work whether or not the account exists. */
export async function verifyLogin(login: string, password: string): Promise<string | null> {
	const normalized = login.toLowerCase()
	const user = await prisma.user.findFirst({
		where: isEmail(normalized) ? { email: normalized } : { username: normalized },
		select: { id: true, password: { select: { hash: true } } },
	})
	return (await verifyPassword(password, user?.password?.hash)) && user ? user.id : null
}

export async function verifyPupilLogin(orgCode: string, username: string, pin: string): Promise<string | null> {
	const org = await prisma.organisation.findUnique({ where: { code: orgCode.toUpperCase() }, select: { id: true } })
	const user = org
		? await prisma.user.findUnique({
				where: { pupilOrgId_pupilUsername: { pupilOrgId: org.id, pupilUsername: username.toLowerCase() } },
				select: { id: true, password: { select: { hash: true } } },
			})
		: null
	return (await verifyPassword(pin, user?.password?.hash)) && user ? user.id : null
}

export async function setAccountLanguage(userId: string, locale: Locale) {
	await prisma.user.update({ where: { id: userId }, data: { locale } })
}

export async function setPassword(userId: string, password: string) {
	const hash = await hashPassword(password)
	await prisma.password.upsert({ where: { userId }, create: { userId, hash }, update: { hash } })
}

const RESET_HOURS = 1
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/** A single-use reset token for an email account, or null when there is no such account. */
export async function createResetToken(email: string): Promise<{ token: string; userId: string } | null> {
	const user = await prisma.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } })
	if (!user) return null
	const token = randomBytes(32).toString('base64url')
	await prisma.passwordResetToken.create({
		data: { tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_HOURS * 3600_000) },
	})
	return { token, userId: user.id }
}

export async function findResetToken(token: string) {
	if (token.length > 200) return null
	const found = await prisma.passwordResetToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, userId: true, expiresAt: true, usedAt: true } })
	return found && !found.usedAt && found.expiresAt > new Date() ? found : null
}

/** Uses the token once: sets the password and signs the account out everywhere. */
export async function resetPassword(token: string, password: string): Promise<boolean> {
	const found = await findResetToken(token)
	if (!found) return false
	const hash = await hashPassword(password)
	// Marking the token used in the same statement that checks it makes a second use fail.
	const used = await prisma.$transaction(async (tx) => {
		const marked = await tx.passwordResetToken.updateMany({ where: { id: found.id, usedAt: null }, data: { usedAt: new Date() } })
		if (marked.count !== 1) return false
		await tx.password.upsert({ where: { userId: found.userId }, create: { userId: found.userId, hash }, update: { hash } })
		await tx.session.deleteMany({ where: { userId: found.userId } })
		return true
	})
	return used
}

/** Everything we hold about the person, as they would want to read it. */
export async function exportAccount(userId: string) {
	const user = await prisma.user.findUniqueOrThrow({
		where: { id: userId },
		select: {
			displayName: true,
			email: true,
			username: true,
			pupilUsername: true,
			locale: true,
			discreetMode: true,
			createdAt: true,
			memberships: { select: { role: true, createdAt: true, org: { select: { name: true } } } },
			groupMemberships: { select: { joinedAt: true, group: { select: { name: true } } } },
			learner: {
				select: {
					progress: { select: { courseSlug: true, lessonSlug: true, completedAt: true } },
					attempts: { select: { courseSlug: true, courseVersion: true, locale: true, score: true, maxScore: true, passed: true, submittedAt: true } },
					// Spaced review (decision 018): what comes back when, and the reviews done.
					reviewCards: { select: { courseSlug: true, questionId: true, due: true, reps: true, lapses: true, lastReview: true } },
					reviews: { select: { courseSlug: true, submittedAt: true, answered: true, right: true } },
					pretests: { select: { courseSlug: true, courseVersion: true, score: true, maxScore: true, submittedAt: true } },
					practice: { select: { courseSlug: true, lessonSlug: true, choiceId: true, pick: true, updatedAt: true } },
				},
			},
			certificates: { select: { code: true, holderName: true, courseSlug: true, issuedAt: true, expiresAt: true, revokedAt: true } },
		},
	})
	return { exportedAt: new Date().toISOString(), ...user }
}

/** Deletes the account with its progress; issued certificates stay verifiable, detached from it. */
export async function deleteAccount(userId: string) {
	await prisma.$transaction([prisma.session.deleteMany({ where: { userId } }), prisma.user.delete({ where: { id: userId } })])
}

/**
 * A new display name, with its sort and search keys (decision 024) and the copy of the sort key
 * on each group membership (a page of a group by name is read off that index), in one transaction.
 */
export async function renameUser(userId: string, displayName: string, data: Omit<Prisma.UserUpdateInput, 'displayName' | 'sortName' | 'searchName'> = {}) {
	const keys = nameKeys(displayName)
	await prisma.$transaction([
		prisma.user.update({ where: { id: userId }, data: { ...data, displayName, ...keys } }),
		prisma.groupMember.updateMany({ where: { userId }, data: { sortName: keys.sortName } }),
	])
}
