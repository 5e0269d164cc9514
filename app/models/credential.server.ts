// The Open Badges 3.0 credential of a certificate: its status-list place and subject identity,
// made on first download, and the revocations the status list publishes (decision 017).
import { randomBytes, randomInt } from 'node:crypto'
import type { TFunction } from 'i18next'
import { checkCredential, signCredential, STATUS_LIST_BLOCK, statusListCredential } from '~/certificates/credentials.server.ts'
import { didWebFor } from '~/certificates/did-web.server.ts'
import { identityHash, openBadgeCredential } from '~/certificates/open-badge.server.ts'
import { courseTitleFor } from '~/certificates/present.server.ts'
import type { Locale } from '~/config/i18n.ts'
import { findCourse } from '~/courses/catalog.server.ts'
import { pickLocale } from '~/courses/present.server.ts'
import { prisma } from '~/utils/db.server.ts'

const credentialSelect = { statusIndex: true, identityType: true, identityHash: true, salt: true, holderDid: true } as const

/** The list is at least one block and always twice the issued count, so a random free bit is quick to find. */
function capacityFor(issued: number) {
	return STATUS_LIST_BLOCK * Math.max(1, Math.ceil((2 * (issued + 1)) / STATUS_LIST_BLOCK))
}

/**
 * The certificate's credential record, made once. The status index is random (not issue
 * order, which would tell a verifier when it was issued); the unique index settles a race.
 */
export async function ensureCredentialRecord(certificateId: string, holder: { id: string; email: string | null }) {
	const existing = await prisma.certificateCredential.findUnique({ where: { certificateId }, select: credentialSelect })
	if (existing) return existing
	const salt = randomBytes(16).toString('hex')
	const identity = holder.email ? { identityType: 'emailAddress', identityHash: identityHash(holder.email.toLowerCase(), salt) } : { identityType: 'accountId', identityHash: identityHash(holder.id, salt) }
	for (let attempt = 0; attempt < 20; attempt++) {
		const statusIndex = randomInt(capacityFor(await prisma.certificateCredential.count()))
		try {
			return await prisma.certificateCredential.create({ data: { certificateId, statusIndex, salt, ...identity }, select: credentialSelect })
		} catch (error) {
			const again = await prisma.certificateCredential.findUnique({ where: { certificateId }, select: credentialSelect })
			if (again) return again
			if ((error as { code?: string }).code !== 'P2002') throw error
		}
	}
	throw new Error('No free status list index found')
}

/** Revoked certificates' bits, and the list's length (a whole number of blocks). */
async function statusListState() {
	const [revoked, highest] = await Promise.all([
		prisma.certificateCredential.findMany({ where: { certificate: { revokedAt: { not: null } } }, select: { statusIndex: true } }),
		prisma.certificateCredential.aggregate({ _max: { statusIndex: true } }),
	])
	const length = STATUS_LIST_BLOCK * Math.max(1, Math.ceil(((highest._max.statusIndex ?? 0) + 1) / STATUS_LIST_BLOCK))
	return { revoked: revoked.map((row) => row.statusIndex).sort((a, b) => a - b), length }
}

export async function signedStatusList(origin: string) {
	return statusListCredential(origin, await statusListState())
}

type HolderCertificate = { id: string; code: string; courseSlug: string; issuedAt: Date; expiresAt: Date | null; holderName: string; showFullName: boolean }

/** The signed OpenBadgeCredential, in the reader's language. */
export async function signedOpenBadge(certificate: HolderCertificate, holder: { id: string; email: string | null }, origin: string, locale: Locale, t: TFunction) {
	const credential = await ensureCredentialRecord(certificate.id, holder)
	const course = findCourse(certificate.courseSlug)
	const unsigned = openBadgeCredential({
		origin,
		did: didWebFor(origin),
		...certificate,
		credential,
		texts: {
			name: courseTitleFor(certificate.courseSlug, locale),
			description: course ? course.meta.description[pickLocale(course.locales, locale)]! : certificate.courseSlug,
			criteria: t('credentials.criteria'),
			locale,
		},
	})
	return signCredential(unsigned, origin)
}

export async function setHolderDid(certificateId: string, holderDid: string | null) {
	await prisma.certificateCredential.update({ where: { certificateId }, data: { holderDid } })
}

export async function findHolderDid(certificateId: string) {
	return (await prisma.certificateCredential.findUnique({ where: { certificateId }, select: { holderDid: true } }))?.holderDid ?? null
}

/** Checks a pasted credential against this deployment's key and status list. */
export function verifyCredential(input: unknown, origin: string) {
	return checkCredential(input, origin, statusListState)
}
