// An organisation's view of its members' certificates (issue: certificates for organisations):
// who may see them, the list, revocation, and the downloads.
import { zipSync } from 'fflate'
import type { TFunction } from 'i18next'
import { certificateTexts } from '~/certificates/present.server.ts'
import type { Locale } from '~/config/i18n.ts'
import { prisma } from '~/utils/db.server.ts'
import { certificateState } from '~/certificates/state.ts'
import { revokeCertificate } from '~/models/certificate.server.ts'
import { renderCertificatePdf } from '~/certificates/render-pdf.server.ts'

/** Which of the organisation's certificates a page asks for (`?show=expiring`, `?show=renewal` or all). */
export function certificateFilterOf(url: URL): OrgCertificateFilter {
	const show = url.searchParams.get('show')
	return show === 'expiring' || show === 'renewal' ? show : 'all'
}

/** The organisation's people: staff and learners who joined, and the pupil accounts it made. */
const memberOf = (orgId: string) => ({ OR: [{ memberships: { some: { orgId } } }, { pupilOrgId: orgId }] })

/**
 * The certificates an organisation may see (decision 015): those earned for its assignments, and
 * those a member chose to share with it while they are a member. Never every certificate its
 * members hold: anyone can create an organisation and add people to it.
 */
const visibleTo = (orgId: string) => ({ OR: [{ orgId }, { shares: { some: { orgId } }, user: memberOf(orgId) }] })

const orgCertificateSelect = {
	code: true,
	holderName: true,
	courseSlug: true,
	issuedAt: true,
	expiresAt: true,
	revokedAt: true,
	revokeReason: true,
	orgId: true,
	user: { select: { displayName: true } },
} as const

export type OrgCertificateFilter = 'all' | 'expiring' | 'renewal'

/**
 * Members' certificates, newest first; `expiring`: valid ones that expire within `days`, soonest
 * first (for yearly workplace training); `renewal`: who needs recertification (decision 017).
 */
export async function orgCertificates(orgId: string, filter: OrgCertificateFilter = 'all', now = new Date(), days = 30) {
	if (filter === 'renewal') return needingRecertification(orgId, now, days)
	const soon = new Date(now.getTime() + days * 24 * 60 * 60 * 1000)
	const rows = await prisma.certificate.findMany({
		where: { ...visibleTo(orgId), ...(filter === 'expiring' ? { revokedAt: null, expiresAt: { gt: now, lte: soon } } : {}) },
		select: orgCertificateSelect,
		orderBy: filter === 'expiring' ? { expiresAt: 'asc' } : { issuedAt: 'desc' },
	})
	return rows.map((row) => orgCertificateRow(row, orgId, now))
}

/** A row as the organisation sees it: `earnedHere` says whether it may revoke it. */
function orgCertificateRow<Row extends { user: { displayName: string } | null; holderName: string; orgId: string | null; expiresAt: Date | null; revokedAt: Date | null }>(
	{ user, ...certificate }: Row,
	orgId: string,
	now: Date,
) {
	return { ...certificate, displayName: user?.displayName ?? certificate.holderName, earnedHere: certificate.orgId === orgId, state: certificateState(certificate, now) }
}

/**
 * Certificates that expired or expire within `days` and whose holder has not renewed them (no
 * later, unrevoked certificate for the same course), soonest first.
 */
async function needingRecertification(orgId: string, now: Date, days: number) {
	const soon = new Date(now.getTime() + days * 24 * 60 * 60 * 1000)
	const candidates = await prisma.certificate.findMany({
		where: { ...visibleTo(orgId), revokedAt: null, expiresAt: { lte: soon } },
		select: { ...orgCertificateSelect, userId: true },
		orderBy: { expiresAt: 'asc' },
	})
	const later = await prisma.certificate.findMany({
		where: { userId: { in: [...new Set(candidates.map((row) => row.userId!))] }, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: soon } }] },
		select: { userId: true, courseSlug: true, issuedAt: true },
	})
	const renewed = (row: (typeof candidates)[number]) => later.some((other) => other.userId === row.userId && other.courseSlug === row.courseSlug && other.issuedAt > row.issuedAt)
	return candidates
		.filter((row) => !renewed(row))
		.map(({ userId: _userId, ...row }) => orgCertificateRow(row, orgId, now))
}

/**
 * Revokes a certificate earned for the organisation's assignment; false for any other (one a
 * member earned alone or elsewhere, even shared with it) or one already revoked.
 */
export async function revokeMemberCertificate(orgId: string, code: string, reason: string) {
	const certificate = await prisma.certificate.findFirst({ where: { code, orgId }, select: { code: true } })
	return certificate ? revokeCertificate(certificate.code, reason) : false
}

/** A zip download is rendered in one request: past this many, filter first (e.g. expiring). */
export const ZIP_MAX = 300

/** One PDF per certificate, named by code (neutral names: nothing about the topic). */
export async function certificatesZip(rows: Awaited<ReturnType<typeof orgCertificates>>, locale: Locale, t: TFunction, origin: string) {
	const files: Record<string, Uint8Array> = {}
	for (const row of rows) files[`certificate-${row.code}.pdf`] = await renderCertificatePdf(certificateTexts(row, locale, t, origin))
	// PDFs are already compressed: storing them is as small and much faster.
	return zipSync(files, { level: 0 })
}

/**
 * For the holder's certificate page: the organisations they belong to that did not assign this
 * certificate's course, and whether each may see it. (The one it was earned for always does.)
 */
export async function sharingChoices(certificate: { id: string; orgId: string | null }, userId: string) {
	const [memberships, shares] = await Promise.all([
		prisma.membership.findMany({ where: { userId, ...(certificate.orgId ? { orgId: { not: certificate.orgId } } : {}) }, select: { org: { select: { id: true, name: true } } }, orderBy: { createdAt: 'asc' } }),
		prisma.certificateShare.findMany({ where: { certificateId: certificate.id }, select: { orgId: true } }),
	])
	const shared = new Set(shares.map((share) => share.orgId))
	return memberships.map(({ org }) => ({ orgId: org.id, name: org.name, shared: shared.has(org.id) }))
}

/** The holder shows (or stops showing) a certificate to an organisation they belong to; false otherwise. */
export async function setCertificateShared(certificate: { id: string; orgId: string | null }, userId: string, orgId: string, shared: boolean) {
	if (orgId === certificate.orgId) return false
	const member = await prisma.membership.findUnique({ where: { orgId_userId: { orgId, userId } }, select: { id: true } })
	if (!member) return false
	if (shared) await prisma.certificateShare.upsert({ where: { certificateId_orgId: { certificateId: certificate.id, orgId } }, create: { certificateId: certificate.id, orgId }, update: {} })
	else await prisma.certificateShare.deleteMany({ where: { certificateId: certificate.id, orgId } })
	return true
}
