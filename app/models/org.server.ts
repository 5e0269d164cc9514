// Organisations (schools, employers), their groups (classes, teams) and course assignments.
import { randomCharacters as shortCode } from '~/certificates/code.server.ts'
import { prisma } from '~/utils/db.server.ts'

export async function createOrganisation(input: { name: string; kind: 'school' | 'workplace'; locale: string; ownerId: string }) {
	return prisma.organisation.create({
		data: {
			name: input.name,
			kind: input.kind,
			locale: input.locale,
			slug: `org-${shortCode(8).toLowerCase()}`,
			code: shortCode(6),
			memberships: { create: { userId: input.ownerId, role: 'owner' } },
		},
		select: { slug: true },
	})
}

export async function myOrganisations(userId: string) {
	return prisma.membership.findMany({
		where: { userId, role: { in: ['owner', 'teacher'] } },
		select: { role: true, org: { select: { slug: true, name: true, kind: true } } },
		orderBy: { createdAt: 'asc' },
	})
}

export async function orgGroups(orgId: string) {
	return prisma.group.findMany({
		where: { orgId, archivedAt: null },
		select: { id: true, name: true, joinCode: true, _count: { select: { members: true } }, assignments: { select: { courseSlug: true, dueAt: true } } },
		orderBy: { createdAt: 'asc' },
	})
}

export async function createGroup(orgId: string, name: string) {
	return prisma.group.create({ data: { orgId, name, joinCode: shortCode(8) }, select: { id: true } })
}

export async function findGroup(orgId: string, groupId: string | undefined) {
	return groupId ? prisma.group.findFirst({ where: { id: groupId, orgId }, select: { id: true, name: true, joinCode: true } }) : null
}

export async function groupSize(groupId: string) {
	return prisma.groupMember.count({ where: { groupId } })
}

/** Joins the group with this code (and its organisation, as a learner); null for an unknown code. */
export async function joinGroup(userId: string, joinCode: string) {
	const group = await prisma.group.findUnique({ where: { joinCode: joinCode.toUpperCase().replace(/[\s-]/g, '') }, select: { id: true, orgId: true, name: true } })
	if (!group) return null
	await prisma.$transaction([
		prisma.membership.upsert({ where: { orgId_userId: { orgId: group.orgId, userId } }, create: { orgId: group.orgId, userId, role: 'learner' }, update: {} }),
		prisma.groupMember.upsert({ where: { groupId_userId: { groupId: group.id, userId } }, create: { groupId: group.id, userId }, update: {} }),
	])
	return group
}

/** Assigns the courses to the group (one transaction); assigning again only moves the due date. */
export async function assignCourses(input: { groupId: string; courseSlugs: string[]; dueAt: Date | null; assignedById: string }) {
	await prisma.$transaction(
		input.courseSlugs.map((courseSlug) =>
			prisma.assignment.upsert({
				where: { groupId_courseSlug: { groupId: input.groupId, courseSlug } },
				create: { groupId: input.groupId, courseSlug, dueAt: input.dueAt, assignedById: input.assignedById },
				update: { dueAt: input.dueAt },
			}),
		),
	)
}

/** The courses assigned to the user through their groups, soonest due first. */
export async function assignmentsFor(userId: string) {
	const rows = await prisma.assignment.findMany({
		where: { group: { members: { some: { userId } }, archivedAt: null } },
		select: { courseSlug: true, dueAt: true, group: { select: { name: true } } },
	})
	return rows.sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity))
}
