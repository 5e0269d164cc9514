// Who is learning: a signed-in user's learner, or a guest learner — a random id in a signed,
// httpOnly cookie plus a database row, created on the first write (reading lessons creates
// nothing). Signing up or in merges the guest's progress into the account.
import { data } from '@remix-run/node'
import { getCatalog } from '~/courses/catalog.server.ts'
import { siteCookie } from '~/utils/cookies.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { rebuildSummaries } from '~/models/learner-summary.server.ts'
import { learnerIdOf, type LearnerRef } from '~/models/learner-ref.server.ts'
import { moveReviews } from '~/models/review.server.ts'
import { getIdentity } from '~/auth/identity.server.ts'

const COOKIE_NAME = 'learner'

function learnerCookie() {
	return siteCookie(COOKIE_NAME, { maxAge: 60 * 60 * 24 * 365, signed: true })
}

type LearnerCookie = { id: string } | { forged: true } | null

async function readLearnerCookie(request: Request): Promise<LearnerCookie> {
	const header = request.headers.get('Cookie')
	if (!header?.split(';').some((part) => part.trim().startsWith(`${COOKIE_NAME}=`))) return null
	const value: unknown = await learnerCookie().parse(header)
	return typeof value === 'string' && value.length > 0 ? { id: value } : { forged: true }
}

/** Whose progress a page shows: the account's, the guest cookie's, or null for a new visitor. */
export async function getLearner(request: Request): Promise<LearnerRef | null> {
	const identity = await getIdentity(request)
	// The identity read the account's learner row: its progress is then read by the row's key.
	if (identity) return identity.learnerId ? { learnerId: identity.learnerId } : { userId: identity.user.id }
	const cookie = await readLearnerCookie(request)
	return cookie && 'id' in cookie ? { learnerId: cookie.id } : null
}

/** The learner row's id when the visitor has one (a guest cookie, or an account that has learned). */
export async function getLearnerId(request: Request): Promise<string | null> {
	const identity = await getIdentity(request)
	// The identity read the account's learner row with the session; null there may only mean it
	// was created since (by a write earlier in this request), so that case still asks.
	if (identity) return identity.learnerId ?? learnerIdOf({ userId: identity.user.id })
	const learner = await getLearner(request)
	return learner ? learnerIdOf(learner) : null
}

/**
 * The learner a write belongs to: the signed-in user's, the cookie's guest learner, or a new guest
 * learner (with the Set-Cookie header to send). A guest cookie that is not ours, or names no
 * learner, is refused with a translated 400 and nothing is written.
 */
export async function requireLearnerForWrite(request: Request): Promise<{ learnerId: string; setCookie: string | null }> {
	const identity = await getIdentity(request)
	if (identity) {
		const learnerId =
			identity.learnerId ?? (await learnerIdOf({ userId: identity.user.id })) ?? (await prisma.learner.create({ data: { userId: identity.user.id }, select: { id: true } })).id
		return { learnerId, setCookie: null }
	}
	const cookie = await readLearnerCookie(request)
	if (cookie && 'id' in cookie) {
		const learner = await prisma.learner.findUnique({ where: { id: cookie.id }, select: { id: true, userId: true } })
		// A guest cookie naming an account's learner (left from before signing up) is not a guest.
		if (learner && !learner.userId) return { learnerId: learner.id, setCookie: null }
	}
	if (cookie) {
		const t = await i18nServer.getFixedT(await getLocale(request))
		throw data({ error: t('errors.learnerUnknown') }, { status: 400, headers: { 'Set-Cookie': await clearGuestCookie() } })
	}
	const learner = await prisma.learner.create({ data: {}, select: { id: true } })
	return { learnerId: learner.id, setCookie: await learnerCookie().serialize(learner.id) }
}

function clearGuestCookie(): Promise<string> {
	return learnerCookie().serialize('', { maxAge: 0 })
}

/**
 * Moves a guest's progress, quiz attempts, pre-tests and practice choices into the user's learner: lessons done in either
 * count once (the earlier completion kept), every attempt is kept (so the best of both counts),
 * and the guest row goes. Returns the Set-Cookie header that forgets the guest.
 */
export async function mergeGuestIntoUser(request: Request, userId: string): Promise<string | null> {
	const cookie = await readLearnerCookie(request)
	if (!cookie) return null
	const clear = await clearGuestCookie()
	if (!('id' in cookie)) return clear
	await prisma.$transaction(async (tx) => {
		const guest = await tx.learner.findUnique({ where: { id: cookie.id }, select: { id: true, userId: true, progress: true } })
		if (!guest || guest.userId) return
		const target =
			(await tx.learner.findUnique({ where: { userId }, select: { id: true } })) ?? (await tx.learner.create({ data: { userId }, select: { id: true } }))
		for (const row of guest.progress) {
			const key = { learnerId_courseSlug_lessonSlug: { learnerId: target.id, courseSlug: row.courseSlug, lessonSlug: row.lessonSlug } }
			const existing = await tx.lessonProgress.findUnique({ where: key, select: { completedAt: true } })
			if (!existing) {
				await tx.lessonProgress.update({ where: { id: row.id }, data: { learnerId: target.id } })
			} else if (row.completedAt && (!existing.completedAt || row.completedAt < existing.completedAt)) {
				await tx.lessonProgress.update({ where: key, data: { completedAt: row.completedAt } })
			}
		}
		await tx.quizAttempt.updateMany({ where: { learnerId: guest.id }, data: { learnerId: target.id } })
		await moveReviews(tx, guest.id, target.id)
		// A pre-test counts only before the first attempt: the account's own one, if any, stays.
		const pretestsHeld = (await tx.pretestAttempt.findMany({ where: { learnerId: target.id }, select: { courseSlug: true } })).map((row) => row.courseSlug)
		await tx.pretestAttempt.updateMany({ where: { learnerId: guest.id, courseSlug: { notIn: pretestsHeld } }, data: { learnerId: target.id } })
		const practiceHeld = await tx.practiceChoice.findMany({ where: { learnerId: target.id }, select: { courseSlug: true, lessonSlug: true, choiceId: true } })
		for (const row of await tx.practiceChoice.findMany({ where: { learnerId: guest.id }, select: { id: true, courseSlug: true, lessonSlug: true, choiceId: true } })) {
			const held = practiceHeld.some((other) => other.courseSlug === row.courseSlug && other.lessonSlug === row.lessonSlug && other.choiceId === row.choiceId)
			if (!held) await tx.practiceChoice.update({ where: { id: row.id }, data: { learnerId: target.id } })
		}
		// A package launched in an LMS keeps reporting this learner's result (decision 022).
		await tx.packageLaunch.updateMany({ where: { learnerId: guest.id }, data: { learnerId: target.id } })
		await tx.learner.delete({ where: { id: guest.id } })
		await rebuildSummaries(tx, [target.id], getCatalog().bySlug)
	})
	return clear
}

/** The Cookie header that identifies a guest learner (tests use it to act as one). */
export async function learnerCookieHeader(learnerId: string): Promise<string> {
	return (await learnerCookie().serialize(learnerId)).split(';')[0]!
}
