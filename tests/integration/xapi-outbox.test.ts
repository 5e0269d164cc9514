// Which organisations' stores hear of a learner's completion or attempt (decision 022): plain SQL,
// so it runs on SQLite here and on PostgreSQL in npm run test:pg.
import { expect, test } from 'vitest'
import { createGroup, createOrganisation, createUser } from '~/models/factories.server.ts'
import { queueStatements } from '~/models/xapi-outbox.server.ts'
import { completionStatements } from '~/xapi/statements.ts'
import { prisma } from '~/utils/db.server.ts'

const COURSE = 'sample-course'

async function connectStore(orgId: string) {
	await prisma.lrsConnection.create({ data: { orgId, endpoint: 'https://lrs.example.org/xapi/', username: 'key', secretSealed: 'sealed', actorSalt: `salt-${orgId}` } })
}

test('only an organisation with a store that assigned the course to a live group of the learner hears of it', async () => {
	const learnerUser = await createUser(prisma, { displayName: 'Outbox Learner' })
	// createUser makes the account's learner row too.
	const learner = await prisma.learner.findUniqueOrThrow({ where: { userId: learnerUser.id } })
	const stranger = await createUser(prisma, { displayName: 'Outbox Stranger' })

	// Each organisation differs from the one that hears in one thing only.
	const hears = await createOrganisation(prisma)
	const otherCourse = await createOrganisation(prisma)
	const archived = await createOrganisation(prisma)
	const noStore = await createOrganisation(prisma)
	const notMember = await createOrganisation(prisma)
	for (const org of [hears, otherCourse, archived, notMember]) await connectStore(org.id)

	for (const [org, course, member] of [
		[hears, COURSE, learnerUser.id],
		[otherCourse, 'another-course', learnerUser.id],
		[archived, COURSE, learnerUser.id],
		[noStore, COURSE, learnerUser.id],
		[notMember, COURSE, stranger.id],
	] as const) {
		const group = await createGroup(prisma, org.id)
		await prisma.assignment.create({ data: { groupId: group.id, courseSlug: course } })
		await prisma.groupMember.create({ data: { groupId: group.id, userId: member } })
		if (org === archived) await prisma.group.update({ where: { id: group.id }, data: { archivedAt: new Date() } })
	}
	// Two groups of the same organisation that both qualify still make one store's statements.
	const second = await createGroup(prisma, hears.id)
	await prisma.assignment.create({ data: { groupId: second.id, courseSlug: COURSE } })
	await prisma.groupMember.create({ data: { groupId: second.id, userId: learnerUser.id } })

	const queued = await prisma.$transaction((tx) => queueStatements(tx, learner.id, COURSE, completionStatements('first-lesson', false)))
	expect(queued).toBe(1)
	const rows = await prisma.xapiStatement.findMany({ where: { orgId: { in: [hears.id, otherCourse.id, archived.id, noStore.id, notMember.id] } }, select: { orgId: true } })
	expect(rows).toEqual([{ orgId: hears.id }])
})
