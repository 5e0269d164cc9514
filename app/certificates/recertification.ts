// Recertification rules (decision 017): from 30 days before a certificate expires its holder may
// renew it by passing the quiz again, and is reminded 30 and 7 days before.
const DAY_MS = 24 * 60 * 60 * 1000

const RENEWAL_WINDOW_DAYS = 30
export const REMINDERS = ['30', '7'] as const
type ReminderKind = (typeof REMINDERS)[number]

/** When the holder may start renewing: 30 days before expiry. */
export function renewalOpensAt(expiresAt: Date): Date {
	return new Date(expiresAt.getTime() - RENEWAL_WINDOW_DAYS * DAY_MS)
}

/** Valid, expiring, and inside the renewal window. */
export function isInRenewalWindow(certificate: { expiresAt: Date | null; revokedAt: Date | null }, now = new Date()): boolean {
	const { expiresAt } = certificate
	return !certificate.revokedAt && expiresAt !== null && expiresAt > now && now >= renewalOpensAt(expiresAt)
}

/**
 * The reminder to send now, if any. A job that ran late sends only the nearer one: 8 days before
 * expiry the 30-day reminder still goes, 5 days before only the 7-day one.
 */
export function dueReminder(expiresAt: Date, now: Date, sent: readonly string[]): ReminderKind | null {
	const daysLeft = (expiresAt.getTime() - now.getTime()) / DAY_MS
	if (daysLeft <= 0) return null
	if (daysLeft <= 7) return sent.includes('7') ? null : '7'
	if (daysLeft <= 30) return sent.includes('30') ? null : '30'
	return null
}

/** A renewed certificate runs on from the old one's expiry, so renewing early costs nothing. */
export function renewedValidityStart(issuedAt: Date, previousExpiry: Date | null): Date {
	return previousExpiry && previousExpiry > issuedAt ? previousExpiry : issuedAt
}
