// What a teacher sees for a class or team: per assigned course, where each learner stands.
// Filtered, sorted, counted and paged in SQL, so the page's cost follows its 50 rows more than
// the group's size (issue 18: Prisma's relation filters read a 2,000-learner group in 150 ms, the
// same rows take a few ms as one statement). Plain SQL that reads the same on SQLite and
// PostgreSQL: quoted identifiers, dates bound as parameters, every value normalised below (the
// drivers differ in how numbers and dates come back). Each learner's course summary row
// (learner-summary.server.ts) is current with every write; a certificate counts only if the
// organisation may see it (decision 015): earned for its assignments or shown to it.
import type { Course } from '~/courses/read.server.ts'
import { Prisma } from '~/generated/prisma/client.ts'
import { pageOf, rowsOfPage } from '~/orgs/group-report.ts'
import { LEARNER_STATUSES, type LearnerQuery, type Status as LearnerStatus } from '~/orgs/learner-table.ts'
import { nameKeys, nameSearchKey } from '~/orgs/name-order.ts'
import { prisma } from '~/utils/db.server.ts'
import { largeGroupTotal } from '~/models/large-group-totals.server.ts'

type LearnerRow = {
	userId: string
	displayName: string
	lessonsDone: number
	bestScore: number | null
	maxScore: number | null
	/** The latest lesson or quiz activity on this course; null for someone who never started it. */
	lastActiveAt: Date | null
	/** When the certificate the organisation may see was issued, while it is valid. */
	certifiedAt: Date | null
	status: LearnerStatus
	overdue: boolean
}

type Assignment = { assignmentId: string; courseSlug: string; dueAt: Date | null }
type Counts = Record<LearnerStatus, number>

type CourseSummary = Assignment & { counts: Counts; learners: LearnerRow[] }

/** One course of the group's page: totals over everyone, the overdue, and the rows of one page. */
type CoursePage = Assignment & {
	counts: Counts
	/** When the totals and overdue were counted, for a group over LIVE_UP_TO members; null: now. */
	countedAt: Date | null
	overdue: { count: number; names: string[] }
	/** How many rows the viewer's filters keep (the pages are counted from it). */
	matching: number
	rows: LearnerRow[]
}

const OVERDUE_NAMES = 30
// Statements that fill in keys bind four values a row: well under SQLite's limit.
const KEY_BATCH = 200

/**
 * Names without their sort and search keys get them (a new account, rows from before the keys),
 * and memberships without their copy of the sort key get it (every membership is made without:
 * there are many places that add members, one that reads the key). Looked up by the indexes on
 * the keys, so this costs nothing once all have them; `groupId` limits the memberships to one
 * group (a dashboard read), without it every group is filled (start-up). Returns how many rows
 * it keyed.
 */
export async function healNameKeys({ limit = 5_000, groupId }: { limit?: number; groupId?: string } = {}): Promise<number> {
	const missing = await prisma.user.findMany({ where: { sortName: null }, select: { id: true, displayName: true }, take: limit })
	for (let start = 0; start < missing.length; start += KEY_BATCH) {
		const batch = missing.slice(start, start + KEY_BATCH).map((user) => ({ id: user.id, ...nameKeys(user.displayName) }))
		const sortKeys = Prisma.join(batch.map((row) => Prisma.sql`WHEN ${row.id} THEN ${row.sortName}`), ' ')
		const ids = Prisma.join(batch.map((row) => row.id))
		await prisma.$transaction([
			prisma.$executeRaw`
				UPDATE "User" SET
					"sortName" = CASE "id" ${sortKeys} END,
					"searchName" = CASE "id" ${Prisma.join(batch.map((row) => Prisma.sql`WHEN ${row.id} THEN ${row.searchName}`), ' ')} END
				WHERE "id" IN (${ids})`,
			prisma.$executeRaw`UPDATE "GroupMember" SET "sortName" = CASE "userId" ${sortKeys} END WHERE "userId" IN (${ids})`,
		])
	}
	// Looked for before writing: a dashboard read takes no write lock when there is nothing to fill.
	const inGroup = groupId ? Prisma.sql`AND "groupId" = ${groupId}` : Prisma.empty
	const unkeyed = await prisma.$queryRaw<unknown[]>`SELECT 1 FROM "GroupMember" WHERE "sortName" IS NULL ${inGroup} LIMIT 1`
	if (unkeyed.length === 0) return missing.length
	const memberships = await prisma.$executeRaw`
		UPDATE "GroupMember" SET "sortName" = (SELECT u."sortName" FROM "User" u WHERE u."id" = "GroupMember"."userId")
		WHERE "sortName" IS NULL ${inGroup}
			AND EXISTS (SELECT 1 FROM "User" u WHERE u."id" = "GroupMember"."userId" AND u."sortName" IS NOT NULL)`
	return missing.length + memberships
}

/**
 * Every member of the group on one course, with their status as a number in the order of
 * LEARNER_STATUSES: certified (a valid certificate the organisation may see), completed (every
 * current lesson), in progress, not started. Counting needs no names: without them the account
 * rows are not read at all (a third of the time at 20,000 learners). The summary's certifiedUntil
 * (any valid certificate, from anywhere) spares the certificate lookup for everyone who has none.
 * `only` keeps the members of one page by name, read off the index on the membership's copy of
 * the sort key: the rest of the group is not read at all. (As a subquery in FROM, not `IN`: with
 * `IN`, SQLite walks the whole group in index order to spare itself sorting 50 rows.)
 */
function membersOn(groupId: string, orgId: string, course: Course, dueAt: Date | null, now: Date, { names = true, only = null }: { names?: boolean; only?: Page | null } = {}) {
	const pastDue = dueAt !== null && dueAt < now
	return Prisma.sql`
		WITH "m" AS (
			SELECT gm."userId", ${names ? Prisma.sql`u."displayName", gm."sortName", u."searchName",` : Prisma.empty}
				COALESCE(s."lessonsDone", 0) AS "lessonsDone", s."bestScore", s."maxScore", s."lastActiveAt",
				CASE WHEN s."certifiedUntil" > ${now} THEN (SELECT MAX(c."issuedAt") FROM "Certificate" c
					WHERE c."userId" = gm."userId" AND c."courseSlug" = ${course.slug} AND c."revokedAt" IS NULL
						AND (c."expiresAt" IS NULL OR c."expiresAt" > ${now})
						AND (c."orgId" = ${orgId} OR EXISTS (SELECT 1 FROM "CertificateShare" sh WHERE sh."certificateId" = c."id" AND sh."orgId" = ${orgId}))
				) END AS "certifiedAt"
			FROM ${only ? Prisma.sql`(${pageByName(groupId, only)}) AS gm` : Prisma.sql`"GroupMember" gm`}
			${names ? Prisma.sql`JOIN "User" u ON u."id" = gm."userId"` : Prisma.empty}
			LEFT JOIN "Learner" l ON l."userId" = gm."userId"
			LEFT JOIN "LearnerCourseSummary" s ON s."learnerId" = l."id" AND s."courseSlug" = ${course.slug}
			WHERE gm."groupId" = ${groupId}
		), "r" AS (
			SELECT "m".*, CASE WHEN "certifiedAt" IS NOT NULL THEN 3 WHEN "lessonsDone" >= ${course.lessons.length} THEN 2 WHEN "lessonsDone" > 0 THEN 1 ELSE 0 END AS "status"
			FROM "m"
		), "rows" AS (
			SELECT "r".*, CASE WHEN ${pastDue ? 1 : 0} = 1 AND "status" < 2 THEN 1 ELSE 0 END AS "overdue" FROM "r"
		)`
}

/** One page of the group's members by name (ties by account), straight off the index. */
const pageByName = (groupId: string, { limit, offset, dir }: Page) => {
	const order = Prisma.raw(dir === 'desc' ? 'DESC' : 'ASC')
	return Prisma.sql`SELECT "groupId", "userId", "sortName" FROM "GroupMember" WHERE "groupId" = ${groupId} ORDER BY "sortName" ${order}, "userId" ${order} LIMIT ${limit} OFFSET ${offset}`
}

// LIKE's own wildcards in what the viewer typed match themselves.
const likePattern = (text: string) => `%${nameSearchKey(text).replace(/[\\%_]/g, (character) => `\\${character}`)}%`

function matches(query: Pick<LearnerQuery, 'q' | 'status' | 'overdue'>) {
	const conditions = [Prisma.sql`1 = 1`]
	if (query.q) conditions.push(Prisma.sql`"searchName" LIKE ${likePattern(query.q)} ESCAPE '\\'`)
	if (query.status) conditions.push(Prisma.sql`"status" = ${LEARNER_STATUSES.indexOf(query.status)}`)
	if (query.overdue) conditions.push(Prisma.sql`"overdue" = 1`)
	return Prisma.join(conditions, ' AND ')
}

/**
 * The viewer's order, ties by name then account (so the order is the same on every page, and
 * the same as pageByName's: names whose keys are equal differ only in case or Latin accents).
 */
function orderOf(query: Pick<LearnerQuery, 'sort' | 'dir'>) {
	const dir = Prisma.raw(query.dir === 'desc' ? 'DESC' : 'ASC')
	const first = {
		name: [],
		status: [Prisma.sql`"status" ${dir}`],
		lessons: [Prisma.sql`"lessonsDone" ${dir}`],
		score: [Prisma.sql`CASE WHEN "bestScore" IS NULL OR "maxScore" IS NULL OR "maxScore" = 0 THEN -1 ELSE "bestScore" * 1.0 / "maxScore" END ${dir}`],
		// NULLs sort first on SQLite and last on PostgreSQL: never started comes first (ascending) on both.
		activity: [Prisma.sql`CASE WHEN "lastActiveAt" IS NULL THEN 0 ELSE 1 END ${dir}`, Prisma.sql`"lastActiveAt" ${dir}`],
	}[query.sort]
	return Prisma.join([...first, Prisma.sql`"sortName" ${dir}`, Prisma.sql`"userId" ${dir}`], ', ')
}

type RawRow = {
	userId: string
	displayName: string
	lessonsDone: number | bigint
	bestScore: number | bigint | null
	maxScore: number | bigint | null
	lastActiveAt: Date | string | null
	certifiedAt: Date | string | null
	status: number | bigint
	overdue: number | bigint
}

const numberOrNull = (value: number | bigint | null) => (value === null ? null : Number(value))
const dateOrNull = (value: Date | string | null) => (value === null ? null : value instanceof Date ? value : new Date(value))

function rowOf(row: RawRow): LearnerRow {
	return {
		userId: row.userId,
		displayName: row.displayName,
		lessonsDone: Number(row.lessonsDone),
		bestScore: numberOrNull(row.bestScore),
		maxScore: numberOrNull(row.maxScore),
		lastActiveAt: dateOrNull(row.lastActiveAt),
		certifiedAt: dateOrNull(row.certifiedAt),
		status: LEARNER_STATUSES[Number(row.status)]!,
		overdue: Number(row.overdue) === 1,
	}
}

type Page = { limit: number; offset: number; dir?: LearnerQuery['dir'] }

async function learnerRows(members: Prisma.Sql, query: LearnerQuery, page: Page | null): Promise<LearnerRow[]> {
	const rows = await prisma.$queryRaw<RawRow[]>`
		${members}
		SELECT "userId", "displayName", "lessonsDone", "bestScore", "maxScore", "lastActiveAt", "certifiedAt", "status", "overdue"
		FROM "rows" WHERE ${matches(query)}
		ORDER BY ${orderOf(query)}
		${page ? Prisma.sql`LIMIT ${page.limit} OFFSET ${page.offset}` : Prisma.empty}`
	return rows.map(rowOf)
}

type RawCounts = { status: number | bigint; overdue: number | bigint; everyone: number | bigint; matching: number | bigint }

/** Per status: everyone, the overdue among them, and those the viewer's filters keep. */
async function countsOf(members: Prisma.Sql, query: LearnerQuery) {
	const rows = await prisma.$queryRaw<RawCounts[]>`
		${members}
		SELECT "status", SUM("overdue") AS "overdue", COUNT(*) AS "everyone", SUM(CASE WHEN ${matches(query)} THEN 1 ELSE 0 END) AS "matching"
		FROM "rows" GROUP BY "status"`
	const counts: Counts = { 'not-started': 0, 'in-progress': 0, completed: 0, certified: 0 }
	let overdue = 0
	let matching = 0
	for (const row of rows) {
		counts[LEARNER_STATUSES[Number(row.status)]!] = Number(row.everyone)
		overdue += Number(row.overdue)
		matching += Number(row.matching)
	}
	return { counts, overdue, matching }
}

async function assignmentsOf(groupId: string, courses: Map<string, Course>) {
	const group = await prisma.group.findUniqueOrThrow({
		where: { id: groupId },
		select: { orgId: true, assignments: { select: { id: true, courseSlug: true, dueAt: true }, orderBy: { createdAt: 'asc' } } },
	})
	await healNameKeys({ groupId })
	const assignments = group.assignments.filter((assignment) => courses.has(assignment.courseSlug))
	return { orgId: group.orgId, assignments: assignments.map(({ id, courseSlug, dueAt }) => ({ assignmentId: id, courseSlug, dueAt, course: courses.get(courseSlug)! })) }
}

const EVERYONE: LearnerQuery = { q: '', status: null, overdue: false, sort: 'name', dir: 'asc' }

/** Every member on every assigned course, by name (the CSV export, reminders and digests). */
export async function groupDashboard(groupId: string, courses: Map<string, Course>, now = new Date()): Promise<CourseSummary[]> {
	const { orgId, assignments } = await assignmentsOf(groupId, courses)
	return Promise.all(
		assignments.map(async ({ course, ...assignment }) => {
			const members = (names: boolean) => membersOn(groupId, orgId, course, assignment.dueAt, now, { names })
			const [learners, { counts }] = await Promise.all([learnerRows(members(true), EVERYONE, null), countsOf(members(false), EVERYONE)])
			return { ...assignment, counts, learners }
		}),
	)
}

const total = (counts: Counts) => Object.values(counts).reduce((sum, count) => sum + count, 0)

/** How many rows the status and overdue filters keep, from the totals (no name filter). */
function matchingOf({ counts, overdue }: { counts: Counts; overdue: number }, query: LearnerQuery, pastDue: boolean) {
	if (query.status && query.overdue) return pastDue && (query.status === 'not-started' || query.status === 'in-progress') ? counts[query.status] : 0
	if (query.status) return counts[query.status]
	if (query.overdue) return overdue
	return total(counts)
}

/** The table in its first order, unfiltered: its page is read off the membership index. */
const byNameOnly = (query: LearnerQuery) => query.sort === 'name' && !query.q && !query.status && !query.overdue

/**
 * The group's page: per assigned course the totals and the overdue (the first names by name) over
 * everyone, and the rows the viewer's query keeps on the page asked for (`?page=`, kept within the
 * pages the largest course's matching rows make). Over LIVE_UP_TO members the totals and overdue
 * names are at most a minute old (`countedAt`, decision 025); the rows are always read now.
 */
export async function groupDashboardPage(groupId: string, courses: Map<string, Course>, query: LearnerQuery, requestedPage: string | null, now = new Date()) {
	const [{ orgId, assignments }, size] = await Promise.all([assignmentsOf(groupId, courses), prisma.groupMember.count({ where: { groupId } })])
	const counted = await Promise.all(
		assignments.map(async ({ course, ...assignment }) => {
			const pastDue = assignment.dueAt !== null && assignment.dueAt < now
			const members = (options?: Parameters<typeof membersOn>[5]) => membersOn(groupId, orgId, course, assignment.dueAt, now, options)
			// Everything the totals are counted from is in the key: a new member or due date is a new count.
			const key = `dashboard:${groupId}:${course.slug}:${course.meta.version}:${course.lessons.length}:${assignment.dueAt?.toISOString() ?? ''}:${size}`
			const totals = await largeGroupTotal(key, size, async () => {
				const [everyone, overdueNames] = await Promise.all([
					countsOf(members({ names: false }), EVERYONE),
					pastDue ? learnerRows(members(), { ...EVERYONE, overdue: true }, { limit: OVERDUE_NAMES, offset: 0 }) : [],
				])
				return { ...everyone, overdueNames: overdueNames.map((row) => row.displayName) }
			}, now.getTime())
			// A name filter counts its own matches (it reads the names); the other filters follow from the totals.
			const matching = query.q ? (await countsOf(members(), query)).matching : matchingOf(totals.value, query, pastDue)
			return { assignment, course, members, totals, matching }
		}),
	)
	const paging = pageOf(requestedPage, Math.max(0, ...counted.map(({ matching }) => matching)))
	const page = rowsOfPage(paging)
	const summaries: CoursePage[] = await Promise.all(
		counted.map(async ({ assignment, members, totals, matching }) => ({
			...assignment,
			counts: totals.value.counts,
			overdue: { count: totals.value.overdue, names: totals.value.overdueNames },
			matching,
			countedAt: totals.countedAt,
			rows: byNameOnly(query) ? await learnerRows(members({ only: { ...page, dir: query.dir } }), query, null) : await learnerRows(members(), query, page),
		})),
	)
	return { paging, size, summaries }
}
