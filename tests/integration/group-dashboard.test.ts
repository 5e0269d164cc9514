import { expect, test } from 'vitest'
import { getCatalog } from '~/courses/catalog.server.ts'
import { groupDashboard, groupDashboardPage, healNameKeys } from '~/models/group-dashboard.server.ts'
import { learnerQueryOf } from '~/orgs/learner-table.ts'
import { prisma } from '~/utils/db.server.ts'
import { completeLessons, createGroup, createOrganisation, createPupil, createPupils, refreshSummaries } from '~/models/factories.server.ts'
import { FRESH_FOR_MS, LIVE_UP_TO } from '~/models/large-group-totals.server.ts'
import { renameUser } from '~/models/user.server.ts'

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
	// New accounts' names get their keys on the first read (a few statements, once).
	await healNameKeys()
	let queries = 0
	;(prisma as unknown as { $on(event: 'query', listener: () => void): void }).$on('query', () => queries++)
	await groupDashboard(small.id, getCatalog().bySlug)
	const forOne = queries
	queries = 0
	const [summary] = await groupDashboard(group.id, getCatalog().bySlug)
	expect(queries).toBe(forOne)
	// The group and its assignments (two statements in Prisma's log), the names and memberships
	// still without keys (none), then per course one statement for the rows and one for the counts
	// (members, summaries and the certificates the organisation may see, joined).
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

test('the page: filtered, sorted and paged by the database, names in the Kazakh alphabet', async () => {
	const org = await createOrganisation(prisma)
	const group = await createGroup(prisma, org.id)
	await prisma.assignment.create({ data: { groupId: group.id, courseSlug: 'sample-course', dueAt: new Date(Date.now() - 3600_000) } })
	const names = ['Ясмин', 'Әсел', 'Айгерим', 'Қанат', 'Кира', 'Ұлжан', 'Улан', 'Zed', 'adam', 'Ілияс', '50%_off']
	const pupils = await Promise.all(names.map((displayName) => createPupil(prisma, org.id, { displayName })))
	await prisma.groupMember.createMany({ data: pupils.map((pupil) => ({ groupId: group.id, userId: pupil.id })) })
	const byName = new Map(pupils.map((pupil) => [pupil.displayName, pupil]))
	await completeLessons(prisma, byName.get('Қанат')!.learner!.id, 'sample-course', ['first-lesson', 'second-lesson', 'third-lesson'])
	await completeLessons(prisma, byName.get('Кира')!.learner!.id, 'sample-course', ['first-lesson'])
	await completeLessons(prisma, byName.get('Zed')!.learner!.id, 'sample-course', ['first-lesson', 'second-lesson'])
	const catalog = getCatalog().bySlug
	const page = async (address: string) => {
		const params = new URL(address, 'http://x').searchParams
		const { paging, summaries } = await groupDashboardPage(group.id, catalog, learnerQueryOf(params), params.get('page'))
		return { paging, summary: summaries[0]!, names: summaries[0]!.rows.map((row) => row.displayName) }
	}

	const all = await page('/?')
	expect(all.names).toEqual(['50%_off', 'Айгерим', 'Әсел', 'Кира', 'Қанат', 'Улан', 'Ұлжан', 'Ілияс', 'Ясмин', 'adam', 'Zed'])
	expect(all.summary.counts).toEqual({ 'not-started': 8, 'in-progress': 2, completed: 1, certified: 0 })
	expect(all.summary.overdue.count).toBe(10)
	expect(all.summary.overdue.names.slice(0, 3)).toEqual(['50%_off', 'Айгерим', 'Әсел'])
	expect(all.summary.matching).toBe(11)
	expect((await page('/?dir=desc')).names[0]).toBe('Zed')

	// Case does not count, in Cyrillic as in Latin; LIKE's wildcards are only characters here.
	expect((await page('/?q=ҚАН')).names).toEqual(['Қанат'])
	expect((await page('/?q=ADA')).names).toEqual(['adam'])
	expect((await page('/?q=%25_')).names).toEqual(['50%_off'])
	expect((await page('/?q=_')).names).toEqual(['50%_off'])
	const started = await page('/?status=in-progress')
	expect(started.names).toEqual(['Кира', 'Zed'])
	expect(started.summary.matching).toBe(2)
	// Totals stay the group's whatever the filter.
	expect(started.summary.counts['not-started']).toBe(8)
	expect((await page('/?overdue=1&q=қанат')).names).toEqual([])
	expect((await page('/?sort=lessons&dir=desc')).names.slice(0, 3)).toEqual(['Қанат', 'Zed', 'Кира'])
	expect((await page('/?sort=activity')).names.slice(-3)).toEqual(expect.arrayContaining(['Қанат', 'Кира', 'Zed']))

	// A renamed learner takes their new place.
	await prisma.user.update({ where: { id: byName.get('Zed')!.id }, data: { displayName: 'Әлия', sortName: null, searchName: null } })
	expect((await page('/?')).names.slice(1, 4)).toEqual(['Айгерим', 'Әлия', 'Әсел'])
})

test('a large group comes a page at a time, the page kept within the pages there are', async () => {
	const org = await createOrganisation(prisma)
	const group = await createGroup(prisma, org.id)
	await prisma.assignment.create({ data: { groupId: group.id, courseSlug: 'sample-course' } })
	const pupils = await Promise.all(Array.from({ length: 120 }, (_, index) => createPupil(prisma, org.id, { displayName: `Learner ${String(index).padStart(3, '0')}` })))
	await prisma.groupMember.createMany({ data: pupils.map((pupil) => ({ groupId: group.id, userId: pupil.id })) })
	const second = await groupDashboardPage(group.id, getCatalog().bySlug, learnerQueryOf(new URLSearchParams()), '2')
	expect(second.paging).toMatchObject({ page: 2, pages: 3, from: 51, to: 100, size: 120 })
	expect(second.summaries[0]!.rows.map((row) => row.displayName)).toEqual(Array.from({ length: 50 }, (_, index) => `Learner ${String(index + 50).padStart(3, '0')}`))
	const beyond = await groupDashboardPage(group.id, getCatalog().bySlug, learnerQueryOf(new URLSearchParams()), '9')
	expect(beyond.paging.page).toBe(3)
	expect(beyond.summaries[0]!.rows).toHaveLength(20)
	expect(beyond.summaries[0]!.overdue).toEqual({ count: 0, names: [] })
})

test('a rename moves the member in every group at once: the page by name is read off the membership’s key', async () => {
	const org = await createOrganisation(prisma)
	const group = await createGroup(prisma, org.id)
	await prisma.assignment.create({ data: { groupId: group.id, courseSlug: 'sample-course' } })
	const pupils = await Promise.all(['Bota', 'Dana', 'Erlan'].map((displayName) => createPupil(prisma, org.id, { displayName })))
	await prisma.groupMember.createMany({ data: pupils.map((pupil) => ({ groupId: group.id, userId: pupil.id })) })
	const names = async (dir = 'asc') => (await groupDashboardPage(group.id, getCatalog().bySlug, learnerQueryOf(new URLSearchParams({ dir })), null)).summaries[0]!.rows.map((row) => row.displayName)
	expect(await names()).toEqual(['Bota', 'Dana', 'Erlan'])
	expect(await names('desc')).toEqual(['Erlan', 'Dana', 'Bota'])
	await renameUser(pupils[2]!.id, 'Әйгерім')
	const membership = await prisma.groupMember.findUniqueOrThrow({ where: { groupId_userId: { groupId: group.id, userId: pupils[2]!.id } } })
	expect(membership.sortName).toBe((await prisma.user.findUniqueOrThrow({ where: { id: pupils[2]!.id } })).sortName)
	// Cyrillic names come before Latin ones (app/orgs/name-order.ts).
	expect(await names()).toEqual(['Әйгерім', 'Bota', 'Dana'])
})

test('a group over LIVE_UP_TO members: totals counted once a minute and said so, rows current', async () => {
	const org = await createOrganisation(prisma)
	const group = await createGroup(prisma, org.id)
	await prisma.assignment.create({ data: { groupId: group.id, courseSlug: 'sample-course' } })
	const pupils = await createPupils(prisma, org.id, Array.from({ length: LIVE_UP_TO + 1 }, (_, index) => ({ displayName: `Pupil ${String(index).padStart(4, '0')}`, username: `p${index}-${group.id}` })))
	await prisma.groupMember.createMany({ data: pupils.map((pupil) => ({ groupId: group.id, userId: pupil.userId })) })
	const page = (now: Date) => groupDashboardPage(group.id, getCatalog().bySlug, learnerQueryOf(new URLSearchParams()), null, now)
	const started = new Date()
	const first = (await page(started)).summaries[0]!
	expect(first.countedAt).toEqual(started)
	expect(first.counts['not-started']).toBe(LIVE_UP_TO + 1)

	// The first pupil finishes a lesson: the row says so at once, the totals within the minute.
	await completeLessons(prisma, pupils[0]!.learnerId, 'sample-course', ['first-lesson'])
	await refreshSummaries(prisma, [pupils[0]!.learnerId])
	const soon = (await page(new Date(started.getTime() + 1_000))).summaries[0]!
	expect(soon.rows[0]).toMatchObject({ displayName: 'Pupil 0000', lessonsDone: 1, status: 'in-progress' })
	expect(soon.counts['in-progress']).toBe(0)
	expect(soon.countedAt).toEqual(started)
	// A minute on, the page still shows the last count while a new one runs; the next has it.
	const later = new Date(started.getTime() + FRESH_FOR_MS)
	expect((await page(later)).summaries[0]!.counts['in-progress']).toBe(0)
	await expect.poll(async () => (await page(new Date(later.getTime() + 1_000))).summaries[0]!.counts['in-progress']).toBe(1)

	// A new member is a new count: whoever enrolled them sees them in the totals on the next page.
	const [newcomer] = await createPupils(prisma, org.id, [{ displayName: 'Newcomer', username: `new-${group.id}` }])
	await prisma.groupMember.create({ data: { groupId: group.id, userId: newcomer!.userId } })
	const enrolled = (await page(new Date(later.getTime() + 2_000))).summaries[0]!
	expect(enrolled.counts['not-started']).toBe(LIVE_UP_TO + 1)
	expect(enrolled.countedAt).toEqual(new Date(later.getTime() + 2_000))
})
