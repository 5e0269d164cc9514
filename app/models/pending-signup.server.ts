// Email sign-ups wait for the address's owner (decision 010): the form answers the same whether
// or not the address has an account, and the mailed link finishes the sign-up. Only the token's
// hash is stored, like a password reset's.
import { createHash, randomBytes } from 'node:crypto'
import { prisma } from '~/utils/db.server.ts'
import type { Locale } from '~/config/i18n.ts'
import { createAccount } from '~/models/user.server.ts'

const VALID_HOURS = 24
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/** A link token for a new address, or null when the address already has an account. */
export async function createPendingSignup(input: { email: string; displayName: string; passwordHash: string; locale: Locale }): Promise<string | null> {
	const email = input.email.toLowerCase()
	if ((await prisma.user.count({ where: { email } })) > 0) return null
	const token = randomBytes(32).toString('base64url')
	await prisma.pendingSignup.deleteMany({ where: { expiresAt: { lt: new Date() } } })
	await prisma.pendingSignup.create({
		data: { tokenHash: hashToken(token), email, displayName: input.displayName, passwordHash: input.passwordHash, locale: input.locale, expiresAt: new Date(Date.now() + VALID_HOURS * 3600_000) },
	})
	return token
}

export async function findPendingSignup(token: string) {
	if (token.length > 200) return null
	const found = await prisma.pendingSignup.findUnique({ where: { tokenHash: hashToken(token) }, select: { email: true, displayName: true, expiresAt: true } })
	return found && found.expiresAt > new Date() ? found : null
}

/**
 * Uses the link once: the account, or null when the link is unknown, expired or used, or the
 * address got an account meanwhile (another link followed first).
 */
export async function completePendingSignup(token: string): Promise<{ id: string } | null> {
	const pending = await prisma.pendingSignup.findUnique({ where: { tokenHash: hashToken(token) } })
	if (!pending || pending.expiresAt <= new Date()) return null
	// Deleting it first makes a second use of the same link fail.
	const used = await prisma.pendingSignup.deleteMany({ where: { tokenHash: pending.tokenHash } })
	if (used.count !== 1 || (await prisma.user.count({ where: { email: pending.email } })) > 0) return null
	await prisma.pendingSignup.deleteMany({ where: { email: pending.email } })
	return createAccount({ displayName: pending.displayName, login: pending.email, passwordHash: pending.passwordHash, locale: pending.locale as Locale }).catch((error: unknown) => {
		// Two links for one address followed at the same moment: the second finds it taken.
		if ((error as { code?: unknown }).code === 'P2002') return null
		throw error
	})
}
