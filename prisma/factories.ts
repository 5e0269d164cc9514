// Builders for realistic records, shared by the demo seed and the tests. Every call makes
// records that cannot collide with earlier ones, so tests never share data.
import { randomBytes } from 'node:crypto'
import type { PrismaClient } from '../app/generated/prisma/client.ts'

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
}
