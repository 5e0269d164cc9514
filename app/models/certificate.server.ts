// Certificates: earned with every lesson done and a passing attempt under the course's current
// version; one per holder, course and version while it is valid (decision 011).
import { generateCode, normalizeCode } from '~/certificates/code.server.ts'
import { isInRenewalWindow, renewalOpensAt, renewedValidityStart } from '~/certificates/recertification.ts'
import type { Course } from '~/courses/read.server.ts'
import type { Prisma } from '~/generated/prisma/client.ts'
import { prisma } from '~/utils/db.server.ts'
import { isUniqueViolation } from '~/utils/db-errors.server.ts'
import { isoDay } from '~/utils/dates.ts'
import { courseProgress } from '~/courses/progress.ts'
import { addMonths, certificateState, publicName } from '~/certificates/state.ts'
import { learnerWhere, type LearnerRef } from '~/models/learner-ref.server.ts'
import { recountCertificates } from '~/models/learner-summary.server.ts'
import { getCompletedLessons } from '~/models/progress.server.ts'

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
	orgId: true,
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
 * May the holder renew this certificate now: inside its renewal window (decision 017), with a
 * passed attempt made since the window opened.
 */
export async function isRenewable(learner: LearnerRef, certificate: { courseSlug: string; courseVersion: string; expiresAt: Date | null; revokedAt: Date | null }, now = new Date()) {
	if (!certificate.expiresAt || !isInRenewalWindow(certificate, now)) return false
	// The window's start is compared here, not in the query: a submittedAt range in the WHERE sends
	// SQLite (no statistics) through the (courseSlug, submittedAt) index, everyone's recent attempts
	// at the course, instead of this learner's few (see attemptHistory).
	const opens = renewalOpensAt(certificate.expiresAt).getTime()
	const passes = await prisma.quizAttempt.findMany({
		where: { ...learnerWhere(learner), courseSlug: certificate.courseSlug, courseVersion: certificate.courseVersion, passed: true },
		select: { submittedAt: true },
	})
	return passes.some((attempt) => attempt.submittedAt !== null && attempt.submittedAt.getTime() >= opens)
}

/**
 * Issues the certificate, or returns the one already valid for this course version (issuing
* twice changes nothing; after expiry or revocation a new one is issued). Inside the renewal
 * window a new pass renews it: the new one runs on from the old one's expiry. Null when not
 * eligible. Reading the last one and writing the next happen in one transaction, and the unique
 * key over (holder, course, version, issue number) turns a second request racing the first into a
 * read: a double click without JavaScript issues one certificate.
 */
export async function issueCertificate(input: { userId: string; learnerId: string; course: Course; holderName: string; locale: string }) {
	if (!(await isEligible({ learnerId: input.learnerId }, input.course))) return null
	const key = { userId: input.userId, courseSlug: input.course.slug, courseVersion: input.course.meta.version }
	try {
		return await prisma.$transaction(async (tx) => {
			const latest = await tx.certificate.findFirst({ where: key, orderBy: { issueNumber: 'desc' }, select: { ...certificateSelect, issueNumber: true } })
			const current = latest && certificateState(latest) === 'valid' ? latest : null
			if (current && !(await isRenewable({ learnerId: input.learnerId }, current))) return current
			const issuedAt = new Date()
			const months = input.course.meta.certificateValidityMonths
			const validityStart = renewedValidityStart(issuedAt, current?.expiresAt ?? null)
			const certificate = await tx.certificate.create({
				data: {
					...key,
					orgId: await assigningOrganisation(tx, input.userId, input.course.slug),
					issueNumber: (latest?.issueNumber ?? 0) + 1,
					code: generateCode(),
					holderName: input.holderName,
					locale: input.locale,
					issuedAt,
					expiresAt: months ? addMonths(validityStart, months) : null,
				},
				select: certificateSelect,
			})
			await recountCertificates(tx, input.userId, input.course.slug)
			return certificate
		})
	} catch (error) {
		if (!isUniqueViolation(error)) throw error
		return findCurrentCertificate(input.userId, input.course)
	}
}

/**
 * The organisation whose assignment a certificate completes (decision 015): one with a group the
 * holder is in that has the course assigned; with several, the one that assigned it first. Null
 * when the holder learned alone: then no organisation lists it unless the holder shares it.
 */
async function assigningOrganisation(tx: Prisma.TransactionClient, userId: string, courseSlug: string) {
	const assignment = await tx.assignment.findFirst({
		where: { courseSlug, group: { members: { some: { userId } } } },
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		select: { group: { select: { orgId: true } } },
	})
	return assignment?.group.orgId ?? null
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
	return prisma.$transaction(async (tx) => {
		const updated = await tx.certificate.updateMany({ where: { code, revokedAt: null }, data: { revokedAt: new Date(), revokeReason: reason } })
		if (updated.count !== 1) return false
		const { userId, courseSlug } = await tx.certificate.findUniqueOrThrow({ where: { code }, select: { userId: true, courseSlug: true } })
		if (userId) await recountCertificates(tx, userId, courseSlug)
		return true
	})
}

/** What anyone may learn from a code: state, course, dates and the name as the holder allows. */
export function verificationOf(certificate: NonNullable<Awaited<ReturnType<typeof findCertificate>>>) {
	return {
		code: certificate.code,
		state: certificateState(certificate),
		courseSlug: certificate.courseSlug,
		holder: publicName(certificate),
		issuedAt: isoDay(certificate.issuedAt),
		expiresAt: isoDay(certificate.expiresAt),
		revokedAt: isoDay(certificate.revokedAt),
	}
}
