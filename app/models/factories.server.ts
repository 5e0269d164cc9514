// Builders for realistic records, shared by the demo seed and the tests. Every call makes
// records that cannot collide with earlier ones, so tests never share data.
import { randomBytes } from 'node:crypto'
import { getCatalog } from '~/courses/catalog.server.ts'
import type { PrismaClient } from '~/generated/prisma/client.ts'
import { rebuildSummaries } from '~/models/learner-summary.server.ts'
import { nameKeys } from '~/orgs/name-order.ts'

const unique = () => randomBytes(4).toString('hex')

export async function createUser(
	prisma: PrismaClient,
	data: { displayName?: string; email?: string; username?: string; locale?: string } = {},
) {
	const suffix = unique()
	return prisma.user.create({
		data: {
			displayName: data.displayName ?? `Learner ${suffix}`,
			email: data.email,
			username: data.username ?? (data.email ? undefined : `learner-${suffix}`),
			locale: data.locale ?? 'kk',
			learner: { create: {} },
		},
		select: { id: true, displayName: true, learner: { select: { id: true } } },
	})
}

export async function createOrganisation(
	prisma: PrismaClient,
	data: { name?: string; slug?: string; code?: string; kind?: 'school' | 'workplace'; ownerId?: string } = {},
) {
	const suffix = unique()
	return prisma.organisation.create({
		data: {
			name: data.name ?? `School ${suffix}`,
			slug: data.slug ?? `school-${suffix}`,
			code: data.code ?? suffix.toUpperCase(),
			kind: data.kind ?? 'school',
			memberships: data.ownerId ? { create: { userId: data.ownerId, role: 'owner' } } : undefined,
		},
		select: { id: true, slug: true, code: true },
	})
}

/** A pupil account: belongs to one organisation, signs in with its code + username. */
export async function createPupil(prisma: PrismaClient, orgId: string, data: { displayName: string; username?: string }) {
	return prisma.user.create({
		data: {
			displayName: data.displayName,
			pupilOrgId: orgId,
			pupilUsername: data.username ?? `pupil-${unique()}`,
			learner: { create: {} },
			memberships: { create: { orgId, role: 'learner' } },
		},
		select: { id: true, displayName: true, learner: { select: { id: true } } },
	})
}

export async function createGroup(prisma: PrismaClient, orgId: string, data: { name?: string; joinCode?: string } = {}) {
	const suffix = unique()
	return prisma.group.create({
		data: { orgId, name: data.name ?? `Class ${suffix}`, joinCode: data.joinCode ?? suffix.toUpperCase() },
		select: { id: true, name: true },
	})
}

export async function completeLessons(prisma: PrismaClient, learnerId: string, courseSlug: string, lessonSlugs: string[]) {
	const completedAt = new Date()
	await prisma.lessonProgress.createMany({
		data: lessonSlugs.map((lessonSlug) => ({ learnerId, courseSlug, lessonSlug, completedAt })),
	})
	await refreshSummaries(prisma, [learnerId])
}

/**
 * Records written straight into the tables (as the factories and tests do) bypass the app's
 * writes, which keep each learner's course summaries current: recompute them afterwards.
 */
export async function refreshSummaries(prisma: PrismaClient, learnerIds: string[]) {
	await rebuildSummaries(prisma, learnerIds, getCatalog().bySlug)
}

// Batch builders for large data sets (the benchmark's organisation, `npm run seed`): ids are made
// here so related rows can go in with createMany, a handful of statements per thousand rows
// instead of one round trip per row. Call them inside a transaction: SQLite then writes once.
type Batch = Pick<PrismaClient, 'user' | 'learner' | 'membership' | 'password' | 'groupMember' | 'lessonProgress' | 'quizAttempt' | 'quizAnswer' | 'certificate'>

let idCounter = 0
/** A collision-free id shaped like Prisma's cuids (a letter, time, counter, randomness). */
export function newId(): string {
	idCounter = (idCounter + 1) % 1_679_616
	return `c${Date.now().toString(36)}${idCounter.toString(36).padStart(4, '0')}${randomBytes(6).toString('hex')}`.slice(0, 25)
}

export type NewPupil = { displayName: string; username: string; locale?: string; lastActiveAt?: Date }

/** Pupil accounts of one organisation, each with a learner, a membership and (optionally) a PIN hash. */
export async function createPupils(db: Batch, orgId: string, pupils: NewPupil[], pinHash?: string) {
	const rows = pupils.map((pupil) => ({ ...pupil, userId: newId(), learnerId: newId() }))
	await db.user.createMany({
		// Keyed here: a seeded district would otherwise be keyed on the server's first start.
		data: rows.map((row) => ({ id: row.userId, displayName: row.displayName, ...nameKeys(row.displayName), pupilOrgId: orgId, pupilUsername: row.username, locale: row.locale ?? 'kk' })),
	})
	await db.learner.createMany({
		data: rows.map((row) => ({ id: row.learnerId, userId: row.userId, lastActiveAt: row.lastActiveAt ?? new Date() })),
	})
	await db.membership.createMany({ data: rows.map((row) => ({ orgId, userId: row.userId, role: 'learner' })) })
	if (pinHash) await db.password.createMany({ data: rows.map((row) => ({ userId: row.userId, hash: pinHash })) })
	return rows.map((row) => ({ userId: row.userId, learnerId: row.learnerId, displayName: row.displayName }))
}

export async function addGroupMembers(db: Batch, groupId: string, userIds: string[]) {
	await db.groupMember.createMany({ data: userIds.map((userId) => ({ groupId, userId })) })
}

export async function recordProgress(db: Batch, rows: { learnerId: string; courseSlug: string; lessonSlug: string; completedAt: Date }[]) {
	await db.lessonProgress.createMany({ data: rows.map((row) => ({ ...row, startedAt: row.completedAt })) })
}

export type NewAttemptRow = {
	learnerId: string
	courseSlug: string
	courseVersion: string
	locale: string
	layout: { questionId: string; options: string[] }[]
	startedAt: Date
	submittedAt: Date
	score: number
	maxScore: number
	passed: boolean
	answers: { questionId: string; chosen: string[]; correct: boolean }[]
}

/** Submitted quiz attempts with their answers. */
export async function recordAttempts(db: Batch, attempts: NewAttemptRow[]) {
	const rows = attempts.map((attempt) => ({ ...attempt, id: newId() }))
	await db.quizAttempt.createMany({
		data: rows.map(({ answers: _answers, layout, ...row }) => ({
			...row,
			token: randomBytes(16).toString('base64url'),
			layout: JSON.stringify(layout),
			durationMs: row.submittedAt.getTime() - row.startedAt.getTime(),
		})),
	})
	await db.quizAnswer.createMany({
		data: rows.flatMap((row) =>
			row.answers.map((answer) => ({ attemptId: row.id, questionId: answer.questionId, chosen: JSON.stringify(answer.chosen), correct: answer.correct })),
		),
	})
}

/** `orgId`: the organisation whose assignment the certificate completed (decision 015). */
export type NewCertificateRow = { userId: string; holderName: string; courseSlug: string; courseVersion: string; locale: string; issuedAt: Date; expiresAt: Date | null; code: string; orgId?: string | null }

export async function issueCertificates(db: Batch, rows: NewCertificateRow[]) {
	await db.certificate.createMany({ data: rows })
}
