// Certificates: earned with every lesson done and a passing attempt under the course's current
// version; one per holder, course and version while it is valid (decision 011).
import { generateCode, normalizeCode } from '~/certificates/code.server.ts'
import type { Course } from '~/courses/read.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { courseProgress } from '~/courses/progress.ts'
import { addMonths, certificateState, publicName } from '~/certificates/state.ts'
import { learnerWhere, type LearnerRef } from './learner-ref.server.ts'
import { getCompletedLessons } from './progress.server.ts'

/** May this learner have a certificate for the course now? */
export async function isEligible(learner: LearnerRef, course: Course): Promise<boolean> {
	const completed = (await getCompletedLessons(learner, course.slug)).get(course.slug)
	if (!courseProgress(course, completed).completed) return false
	const passed = await prisma.quizAttempt.count({ where: { ...learnerWhere(learner), courseSlug: course.slug, courseVersion: course.meta.version, passed: true } })
	return passed > 0
}

const certificateSelect = {
	id: true,
	code: true,
	userId: true,
	holderName: true,
	showFullName: true,
	courseSlug: true,
	courseVersion: true,
	locale: true,
	issuedAt: true,
	expiresAt: true,
	revokedAt: true,
	revokeReason: true,
} as const

/** The holder's current certificate for the course version, if one is valid. */
export async function findCurrentCertificate(userId: string, course: Course) {
	const latest = await prisma.certificate.findFirst({
		where: { userId, courseSlug: course.slug, courseVersion: course.meta.version, revokedAt: null },
		orderBy: { issuedAt: 'desc' },
		select: certificateSelect,
	})
	return latest && certificateState(latest) === 'valid' ? latest : null
}

/**
 * Issues the certificate, or returns the one already valid for this course version (issuing
 * twice changes nothing; after expiry a new one is issued). Null when not eligible.
 */
export async function issueCertificate(input: { userId: string; learnerId: string; course: Course; holderName: string; locale: string }) {
	if (!(await isEligible({ learnerId: input.learnerId }, input.course))) return null
	const existing = await findCurrentCertificate(input.userId, input.course)
	if (existing) return existing
	const issuedAt = new Date()
	const months = input.course.meta.certificateValidityMonths
	return prisma.certificate.create({
		data: {
			code: generateCode(),
			userId: input.userId,
			holderName: input.holderName,
			courseSlug: input.course.slug,
			courseVersion: input.course.meta.version,
			locale: input.locale,
			issuedAt,
			expiresAt: months ? addMonths(issuedAt, months) : null,
		},
		select: certificateSelect,
	})
}

export async function findCertificate(code: string) {
	const normalized = normalizeCode(code)
	return normalized ? prisma.certificate.findUnique({ where: { code: normalized }, select: certificateSelect }) : null
}

export async function listCertificates(userId: string) {
	return prisma.certificate.findMany({ where: { userId }, orderBy: { issuedAt: 'desc' }, select: certificateSelect })
}

export async function setShowFullName(code: string, userId: string, showFullName: boolean) {
	const updated = await prisma.certificate.updateMany({ where: { code, userId }, data: { showFullName } })
	return updated.count === 1
}

export async function revokeCertificate(code: string, reason: string) {
	const updated = await prisma.certificate.updateMany({ where: { code, revokedAt: null }, data: { revokedAt: new Date(), revokeReason: reason } })
	return updated.count === 1
}

/** What anyone may learn from a code: state, course, dates and the name as the holder allows. */
export function verificationOf(certificate: NonNullable<Awaited<ReturnType<typeof findCertificate>>>) {
	return {
		code: certificate.code,
		state: certificateState(certificate),
		courseSlug: certificate.courseSlug,
		holder: publicName(certificate),
		issuedAt: certificate.issuedAt.toISOString().slice(0, 10),
		expiresAt: certificate.expiresAt?.toISOString().slice(0, 10) ?? null,
		revokedAt: certificate.revokedAt?.toISOString().slice(0, 10) ?? null,
	}
}
