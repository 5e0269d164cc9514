// What a certificate is at a moment (valid, expired, revoked) and what a verifier may read of it.

type CertificateState = 'valid' | 'expired' | 'revoked'

export function certificateState(certificate: { expiresAt: Date | null; revokedAt: Date | null }, now = new Date()): CertificateState {
	if (certificate.revokedAt) return 'revoked'
	if (certificate.expiresAt && certificate.expiresAt <= now) return 'expired'
	return 'valid'
}

export function addMonths(date: Date, months: number): Date {
	const result = new Date(date)
	result.setUTCMonth(result.getUTCMonth() + months)
	return result
}

/** Initials only ("A. K."), unless the holder chose to show the full name. */
export function publicName(certificate: { holderName: string; showFullName: boolean }): string {
	if (certificate.showFullName) return certificate.holderName
	return certificate.holderName
		.split(/\s+/)
		.filter(Boolean)
		.map((part) => `${[...part][0]!.toLocaleUpperCase()}.`)
		.join(' ')
}
