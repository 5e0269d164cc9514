import { expect, test } from 'vitest'
import { getCatalog } from '~/courses/catalog.server.ts'
import { groupDashboard } from '~/models/group-dashboard.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { completeLessons, createGroup, createOrganisation, createPupil, refreshSummaries } from '~/models/factories.server.ts'

test('a group’s dashboard: status counts, per-learner rows, overdue learners, in a fixed number of queries', async () => {
	const org = await createOrganisation(prisma)
	const group = await createGroup(prisma, org.id)
	const due = new Date(Date.now() - 24 * 3600_000)
	await prisma.assignment.create({ data: { groupId: group.id, courseSlug: 'sample-course', dueAt: due } })
	const pupils = await Promise.all(['Aruzhan', 'Dias', 'Nikita', 'Madina'].map((displayName) => createPupil(prisma, org.id, { displayName })))
	for (const pupil of pupils) await prisma.groupMember.create({ data: { groupId: group.id, userId: pupil.id } })
	const [aruzhan, dias, nikita] = pupils
	await completeLessons(prisma, aruzhan!.learner!.id, 'sample-course', ['first-lesson', 'second-lesson', 'third-lesson'])
	await prisma.quizAttempt.createMany({
		data: [3, 4].map((score, index) => ({ learnerId: aruzhan!.learner!.id, courseSlug: 'sample-course', courseVersion: '2', locale: 'en', token: `${aruzhan!.id}-${index}`, layout: '[]', submittedAt: new Date(), score, maxScore: 4, passed: score >= 3 })),
	})
	await prisma.certificate.create({ data: { code: `D-${aruzhan!.id}`, userId: aruzhan!.id, holderName: 'Aruzhan', courseSlug: 'sample-course', courseVersion: '2', locale: 'en', orgId: org.id } })
	await completeLessons(prisma, dias!.learner!.id, 'sample-course', ['first-lesson', 'second-lesson', 'third-lesson'])
	// Earned alone, before joining: not the organisation's to count (decision 015).
	await prisma.certificate.create({ data: { code: `D-${dias!.id}`, userId: dias!.id, holderName: 'Dias', courseSlug: 'sample-course', courseVersion: '2', locale: 'en' } })
	await completeLessons(prisma, nikita!.learner!.id, 'sample-course', ['first-lesson'])
	// The attempts and certificate above went straight into their tables.
	await refreshSummaries(prisma, [aruzhan!.learner!.id])

	// The same number of queries for a group of one as for this group of four.
	const small = await createGroup(prisma, org.id)
	await prisma.assignment.create({ data: { groupId: small.id, courseSlug: 'sample-course', dueAt: due } })
	await prisma.groupMember.create({ data: { groupId: small.id, userId: aruzhan!.id } })
	let queries = 0
	;(prisma as unknown as { $on(event: 'query', listener: () => void): void }).$on('query', () => queries++)
	await groupDashboard(small.id, getCatalog().bySlug)
	const forOne = queries
	queries = 0
	const [summary] = await groupDashboard(group.id, getCatalog().bySlug)
	expect(queries).toBe(forOne)
	// Five reads (the group and its assignments, members, learners, their course summaries, the
	// certificates the organisation may see): six statements in Prisma's query log.
	expect(queries).toBeLessThanOrEqual(6)
	expect(summary!.counts).toEqual({ 'not-started': 1, 'in-progress': 1, completed: 1, certified: 1 })
	const rows = Object.fromEntries(summary!.learners.map((row) => [row.displayName, row]))
	expect(rows.Aruzhan).toMatchObject({ status: 'certified', lessonsDone: 3, bestScore: 4, maxScore: 4, overdue: false })
	expect(rows.Dias).toMatchObject({ status: 'completed', bestScore: null, overdue: false })
	expect(rows.Nikita).toMatchObject({ status: 'in-progress', lessonsDone: 1, overdue: true })
	expect(rows.Madina).toMatchObject({ status: 'not-started', lessonsDone: 0, overdue: true, lastActiveAt: null })
	// The latest lesson or attempt, from the summary: Aruzhan's attempts came after her lessons.
	const [aruzhanLatest] = await prisma.quizAttempt.findMany({ where: { learnerId: aruzhan!.learner!.id }, orderBy: { submittedAt: 'desc' }, take: 1 })
	expect(rows.Aruzhan!.lastActiveAt).toEqual(aruzhanLatest!.submittedAt)
	expect(rows.Nikita!.lastActiveAt).toBeInstanceOf(Date)
})
