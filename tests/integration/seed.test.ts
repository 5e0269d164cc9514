import { expect, test } from 'vitest'
import { prisma } from '~/utils/db.server.ts'
import { seedDemo } from '../../prisma/seed.ts'

test('the demo seed fills an empty database once', async () => {
	expect(await seedDemo(prisma)).toBe(true)
	const org = await prisma.organisation.findUniqueOrThrow({
		where: { slug: 'demo-school' },
		select: {
			memberships: { select: { role: true } },
			groups: { select: { members: { select: { userId: true } }, assignments: { select: { courseSlug: true } } } },
		},
	})
	expect(org.memberships.filter((m) => m.role === 'owner')).toHaveLength(1)
	expect(org.groups[0]!.members.length).toBeGreaterThanOrEqual(3)
	expect(org.groups[0]!.assignments).toHaveLength(1)
	expect(await prisma.lessonProgress.count({ where: { completedAt: { not: null } } })).toBeGreaterThan(0)

	expect(await seedDemo(prisma)).toBe(false)
	expect(await prisma.organisation.count()).toBe(1)
})
