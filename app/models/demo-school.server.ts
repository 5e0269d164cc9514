// Demo content for a fresh clone: a school with its owner (a teacher), a class and pupils with some progress.
// Runs on start when the database has no organisation and this is not a deployment.
import path from 'node:path'
import { readCourse } from '~/courses/read.server.ts'
import { hashPassword } from '~/utils/password.server.ts'
import type { PrismaClient } from '~/generated/prisma/client.ts'
import { completeLessons, createGroup, createOrganisation, createPupil, createUser } from '~/models/factories.server.ts'

const DEMO_COURSE = 'recognising-violence'
const PUPILS = [
	{ displayName: 'Aruzhan', username: 'aruzhan', lessonsDone: 3 },
	{ displayName: 'Dias', username: 'dias', lessonsDone: 2 },
	{ displayName: 'Nikita', username: 'nikita', lessonsDone: 1 },
	{ displayName: 'Madina', username: 'madina', lessonsDone: 0 },
	{ displayName: 'Timur', username: 'timur', lessonsDone: 0 },
]
const DAY_MS = 24 * 60 * 60 * 1000
/** Demo sign-in details, printed in the README: never used outside the demo school. */
const DEMO_OWNER = { email: 'teacher@example.org', password: 'demo-teacher-password' }
const DEMO_PUPIL_PIN = '2468'

/** Returns true when it seeded, false when the database already had content. */
export async function seedDemo(prisma: PrismaClient, coursesDir: string): Promise<boolean> {
	if ((await prisma.organisation.count()) > 0) return false
	// The demo class is assigned the first course; its pupils are part-way through it.
	const lessons = readCourse(path.join(coursesDir, DEMO_COURSE)).course?.lessons.map((lesson) => lesson.slug) ?? []
	const owner = await createUser(prisma, { displayName: 'Aigerim Nurlanovna', email: DEMO_OWNER.email })
	await prisma.password.create({ data: { userId: owner.id, hash: await hashPassword(DEMO_OWNER.password) } })
	const pin = await hashPassword(DEMO_PUPIL_PIN)
	const org = await createOrganisation(prisma, {
		name: 'Demo School No. 1',
		slug: 'demo-school',
		code: 'DEMO1',
		ownerId: owner.id,
	})
	const group = await createGroup(prisma, org.id, { name: '7 A', joinCode: 'DEMO7A' })
	await prisma.assignment.create({
		data: { groupId: group.id, courseSlug: DEMO_COURSE, dueAt: new Date(Date.now() + 14 * DAY_MS), assignedById: owner.id },
	})
	for (const { lessonsDone, ...pupilData } of PUPILS) {
		const pupil = await createPupil(prisma, org.id, pupilData)
		await prisma.password.create({ data: { userId: pupil.id, hash: pin } })
		await prisma.groupMember.create({ data: { groupId: group.id, userId: pupil.id } })
		if (pupil.learner) await completeLessons(prisma, pupil.learner.id, DEMO_COURSE, lessons.slice(0, lessonsDone))
	}
	return true
}
