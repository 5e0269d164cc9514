// An organisation's view of its members' certificates (issue: certificates for organisations):
// who may see them, the list, revocation, and the downloads.
import { zipSync } from 'fflate'
import type { TFunction } from 'i18next'
import { renderCertificatePdf } from '~/certificates/pdf.server.ts'
import { certificateTexts } from '~/certificates/present.server.ts'
import type { Locale } from '~/config/i18n.ts'
import { prisma } from '~/utils/db.server.ts'
import { certificateState } from '~/certificates/state.ts'
import { revokeCertificate } from './certificate.server.ts'

/** Which of the organisation's certificates a page asks for (`?show=expiring`, `?show=renewal` or all). */
export function certificateFilterOf(url: URL): OrgCertificateFilter {
	const show = url.searchParams.get('show')
	return show === 'expiring' || show === 'renewal' ? show : 'all'
}

/** The organisation's people: staff and learners who joined, and the pupil accounts it made. */
const memberOf = (orgId: string) => ({ OR: [{ memberships: { some: { orgId } } }, { pupilOrgId: orgId }] })

const orgCertificateSelect = {
	code: true,
	holderName: true,
	courseSlug: true,
	issuedAt: true,
	expiresAt: true,
	revokedAt: true,
	revokeReason: true,
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
		where: { user: memberOf(orgId), ...(filter === 'expiring' ? { revokedAt: null, expiresAt: { gt: now, lte: soon } } : {}) },
		select: orgCertificateSelect,
		orderBy: filter === 'expiring' ? { expiresAt: 'asc' } : { issuedAt: 'desc' },
	})
	return rows.map(({ user, ...certificate }) => ({ ...certificate, displayName: user?.displayName ?? certificate.holderName, state: certificateState(certificate, now) }))
}

/**
 * Certificates that expired or expire within `days` and whose holder has not renewed them (no
 * later, unrevoked certificate for the same course), soonest first.
 */
async function needingRecertification(orgId: string, now: Date, days: number) {
	const soon = new Date(now.getTime() + days * 24 * 60 * 60 * 1000)
	const candidates = await prisma.certificate.findMany({
		where: { user: memberOf(orgId), revokedAt: null, expiresAt: { lte: soon } },
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
		.map(({ user, userId: _userId, ...certificate }) => ({ ...certificate, displayName: user?.displayName ?? certificate.holderName, state: certificateState(certificate, now) }))
}

/** Revokes a member's certificate; false when the code is not a member's or already revoked. */
export async function revokeMemberCertificate(orgId: string, code: string, reason: string) {
	const certificate = await prisma.certificate.findFirst({ where: { code, user: memberOf(orgId) }, select: { code: true } })
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
