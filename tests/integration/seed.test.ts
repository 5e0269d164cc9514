import { readdirSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { prisma } from '~/utils/db.server.ts'
import { seedDemo } from '~/models/demo-school.server.ts'
import { ROOT } from '../setup/paths.ts'

const COURSES = path.join(ROOT, 'courses')

test('the demo seed fills an empty database once', async () => {
	expect(await seedDemo(prisma, COURSES)).toBe(true)
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
	// Progress refers to real lessons of the assigned course.
	const progress = await prisma.lessonProgress.findMany({ select: { courseSlug: true, lessonSlug: true } })
	expect(progress.length).toBeGreaterThan(0)
	for (const row of progress) {
		expect(row.courseSlug).toBe('recognising-violence')
		expect(readdirSync(path.join(COURSES, 'recognising-violence/lessons')).some((dir) => dir.endsWith(`-${row.lessonSlug}`))).toBe(true)
	}

	expect(await seedDemo(prisma, COURSES)).toBe(false)
	expect(await prisma.organisation.count()).toBe(1)
})
