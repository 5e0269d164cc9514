// The reports an organisation reads about its learners (who may read what: ~/orgs/report-access.ts,
// how small numbers are hidden: ~/orgs/group-report.ts).
import type { Course } from '~/courses/read.server.ts'
import type { CourseView } from '~/orgs/group-report.ts'
import { canPublish, courseRelease, reportedRespondents, type Counted, type ReportAccess, type Respondent } from '~/orgs/report-access.ts'
import { Prisma } from '~/generated/prisma/client.ts'
import { itemStatistics } from '~/quiz/grading.ts'
import { prisma } from '~/utils/db.server.ts'
import { largeGroupTotal } from '~/models/large-group-totals.server.ts'

type Scored = { attemptId: string; score: number; maxScore: number }
type Population = { members: Counted[]; respondents: (Respondent & Scored)[] }

/**
 * Per group of the organisation that has the course assigned: its members, and its respondents
 * with their first submitted attempt. Four queries, whatever the number of groups.
 */
async function coursePopulations(orgId: string, courseSlug: string): Promise<Map<string, Population>> {
	const groups = { orgId, assignments: { some: { courseSlug } } }
	const [memberships, users, staff, attempts] = await Promise.all([
		prisma.groupMember.findMany({ where: { group: groups }, select: { groupId: true, userId: true } }),
		prisma.user.findMany({ where: { groupMemberships: { some: { group: groups } } }, select: { id: true, pupilOrgId: true } }),
		prisma.membership.findMany({ where: { orgId, role: { not: 'learner' } }, select: { userId: true } }),
		prisma.quizAttempt.findMany({
			where: { courseSlug, submittedAt: { not: null }, learner: { user: { groupMemberships: { some: { group: groups } } } } },
			select: { id: true, submittedAt: true, score: true, maxScore: true, learner: { select: { userId: true } } },
			orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
		}),
	])
	const staffIds = new Set(staff.map((row) => row.userId))
	const controlled = new Map(users.map((user) => [user.id, user.pupilOrgId === orgId || staffIds.has(user.id)]))
	const firstAttempt = new Map<string, (typeof attempts)[number]>()
	for (const attempt of attempts) if (attempt.learner.userId && !firstAttempt.has(attempt.learner.userId)) firstAttempt.set(attempt.learner.userId, attempt)
	const populations = new Map<string, Population>()
	for (const { groupId, userId } of memberships) {
		const population = populations.get(groupId) ?? { members: [], respondents: [] }
		populations.set(groupId, population)
		const person = { userId, controlled: controlled.get(userId) ?? false }
		population.members.push(person)
		const first = firstAttempt.get(userId)
		if (first) population.respondents.push({ ...person, submittedAt: first.submittedAt!, attemptId: first.id, score: first.score ?? 0, maxScore: first.maxScore ?? 0 })
	}
	return populations
}

/** Each group member's first submitted attempt at the course (one statement, SQLite and PostgreSQL alike). */
const firstAttemptsInGroup = (groupId: string, courseSlug: string) => Prisma.sql`
	SELECT "attemptId", "userId", "score", "maxScore" FROM (
		SELECT a."id" AS "attemptId", l."userId", a."score", a."maxScore",
			ROW_NUMBER() OVER (PARTITION BY a."learnerId" ORDER BY a."submittedAt", a."id") AS "nth"
		FROM "GroupMember" gm
		JOIN "Learner" l ON l."userId" = gm."userId"
		JOIN "QuizAttempt" a ON a."learnerId" = l."id"
		-- "|| ''" keeps SQLite from reading every attempt at the course by its index on courseSlug
		-- (all organisations: 56 ms instead of 6 for a 2,000-learner group); it starts from the group.
		WHERE gm."groupId" = ${groupId} AND a."courseSlug" || '' = ${courseSlug} AND a."submittedAt" IS NOT NULL
	) AS "firsts" WHERE "nth" = 1`

/**
 * For the individual view: the group's respondents, each at their first submitted attempt. No
 * one's answers are withheld here, so who controls an account does not matter (`controlled` is
 * only read under aggregate-only rules). One statement: Prisma's relation filters read a
 * 2,000-learner group's attempts in 70 ms (issue 18).
 */
async function groupRespondents(groupId: string, courseSlug: string): Promise<(Counted & Scored)[]> {
	const rows = await prisma.$queryRaw<{ attemptId: string; userId: string; score: number | bigint | null; maxScore: number | bigint | null }[]>`${firstAttemptsInGroup(groupId, courseSlug)}`
	return rows.map((row) => ({ userId: row.userId, controlled: false, attemptId: row.attemptId, score: Number(row.score ?? 0), maxScore: Number(row.maxScore ?? 0) }))
}

/** Whose answers a course's item statistics count: every member's first attempt, or the attempts listed. */
type AttemptSet = { kind: 'first-in-group'; groupId: string; courseSlug: string } | { kind: 'listed'; ids: string[] }

/**
 * How the viewer sees one course of a group, and whose attempts its item statistics count: in the
 * individual view every respondent's first attempt; under aggregate-only rules the reported
 * respondents' (batches of the minimum), and only when the course may be released at all.
 */
export async function courseReportScope(
	org: { id: string; minReportGroupSize: number },
	groupId: string,
	courseSlug: string,
	access: ReportAccess,
): Promise<{ view: CourseView; attempts: AttemptSet; counted: () => Promise<(Counted & Scored)[]> }> {
	if (!access.individuals && !access.totals) return { view: { kind: 'none' }, attempts: { kind: 'listed', ids: [] }, counted: async () => [] }
	if (access.individuals) {
		// Every respondent is read only when asked (knowledge gain, for courses with a pre-test):
		// item statistics take the same first attempts inside their own statement.
		return { view: { kind: 'individuals' }, attempts: { kind: 'first-in-group', groupId, courseSlug }, counted: () => groupRespondents(groupId, courseSlug) }
	}
	const populations = await coursePopulations(org.id, courseSlug)
	const mine = populations.get(groupId) ?? { members: [], respondents: [] }
	const minimum = org.minReportGroupSize
	const population = (id: string, of: Population) => ({ groupId: id, members: of.members, reported: reportedRespondents(of.respondents, minimum) })
	const me = population(groupId, mine)
	const release = courseRelease(
		me,
		[...populations].map(([id, of]) => population(id, of)),
		minimum,
	)
	const counted = release.released ? me.reported : []
	return { view: { kind: 'totals', minimum, release }, attempts: { kind: 'listed', ids: counted.map((respondent) => respondent.attemptId) }, counted: async () => counted }
}

/**
 * Knowledge gain (docs/decisions/008-quizzes.md): share right in the pre-test and in the first
 * graded attempt, over the counted respondents who took both. Under aggregate-only rules those
 * people must pass `canPublish` themselves: a pre-test taken by four dummies and one person is hers.
 */
export async function groupKnowledgeGain(groupId: string, course: Course, scope: Awaited<ReturnType<typeof courseReportScope>>, { members }: { members?: number } = {}) {
	if (!course.quiz || course.meta.pretest !== true || scope.view.kind === 'none') return null
	// Every respondent of a large group in the individual view: counted at most once a minute, like the item statistics.
	if (scope.view.kind === 'individuals' && members !== undefined) {
		return (await largeGroupTotal(`gain:${groupId}:${course.slug}:${course.meta.version}:${members}`, members, () => knowledgeGainNow(groupId, course, scope))).value
	}
	return knowledgeGainNow(groupId, course, scope)
}

async function knowledgeGainNow(groupId: string, course: Course, scope: Awaited<ReturnType<typeof courseReportScope>>) {
	if (scope.view.kind === 'none') return null
	const minimum = scope.view.kind === 'totals' ? scope.view.minimum : 1
	const pretests = await prisma.pretestAttempt.findMany({
		where: { courseSlug: course.slug, learner: { user: { groupMemberships: { some: { groupId } } } } },
		select: { score: true, maxScore: true, learner: { select: { userId: true } } },
	})
	const firstOf = new Map((await scope.counted()).map((respondent) => [respondent.userId, respondent]))
	const pairs = pretests.flatMap((pretest) => {
		const first = pretest.learner.userId ? firstOf.get(pretest.learner.userId) : undefined
		return first ? [{ pretest, first }] : []
	})
	const before = pairs.reduce((sum, { pretest }) => ({ right: sum.right + pretest.score, shown: sum.shown + pretest.maxScore }), { right: 0, shown: 0 })
	const after = pairs.reduce((sum, { first }) => ({ right: sum.right + first.score, shown: sum.shown + first.maxScore }), { right: 0, shown: 0 })
	if (pairs.length === 0 || before.shown === 0 || after.shown === 0) return { shown: false as const, minimum }
	if (scope.view.kind === 'totals' && !canPublish(pairs.map(({ first }) => first), minimum)) return { shown: false as const, minimum }
	return { shown: true as const, learners: pairs.length, beforePercent: Math.round((before.right / before.shown) * 100), afterPercent: Math.round((after.right / after.shown) * 100) }
}

// SQLite caps a statement's bound parameters: listed attempts are asked for in slices.
const SLICE = 500

type AnswerCount = { questionId: string; chosen: string; correct: boolean | number | bigint; count: number | bigint }

/** Identical answers counted by the database: a few rows per question, whatever the group's size. */
function answerCounts(attempts: Prisma.Sql) {
	return prisma.$queryRaw<AnswerCount[]>`
		SELECT qa."questionId", qa."chosen", qa."correct", COUNT(*) AS "count"
		FROM "QuizAnswer" qa WHERE qa."attemptId" IN (${attempts})
		GROUP BY qa."questionId", qa."chosen", qa."correct"`
}

/**
 * Per question of the course's quiz, over the given attempts (one per respondent). Given the
 * group's size, every member's first attempts in a large group are counted at most once a minute
 * (decision 025); listed attempts (aggregate-only rules) and the CSV download always now.
 */
export async function itemStatisticsOf(course: Course, attempts: AttemptSet, { members }: { members?: number } = {}) {
	if (!course.quiz) return []
	if (attempts.kind === 'first-in-group' && members !== undefined) {
		const key = `items:${attempts.groupId}:${course.slug}:${course.meta.version}:${members}`
		return (await largeGroupTotal(key, members, () => itemStatisticsNow(course, attempts))).value
	}
	return itemStatisticsNow(course, attempts)
}

async function itemStatisticsNow(course: Course, attempts: AttemptSet) {
	if (!course.quiz) return []
	const slices =
		attempts.kind === 'first-in-group'
			? [Prisma.sql`SELECT "attemptId" FROM (${firstAttemptsInGroup(attempts.groupId, attempts.courseSlug)}) AS "f"`]
			: Array.from({ length: Math.ceil(attempts.ids.length / SLICE) }, (_, index) => Prisma.join(attempts.ids.slice(index * SLICE, (index + 1) * SLICE)))
	const grouped = new Map<string, { questionId: string; chosen: string[]; correct: boolean; count: number }>()
	for (const slice of slices) {
		for (const row of await answerCounts(slice)) {
			const correct = Boolean(Number(row.correct))
			const key = `${row.questionId}\u0000${row.chosen}\u0000${correct}`
			const known = grouped.get(key)
			if (known) known.count += Number(row.count)
			else grouped.set(key, { questionId: row.questionId, chosen: JSON.parse(row.chosen) as string[], correct, count: Number(row.count) })
		}
	}
	return itemStatistics(course.quiz, [...grouped.values()])
}

/** For the learner's account page: each organisation they belong to and what it can see. */
export async function whatOrganisationsSee(userId: string) {
	const memberships = await prisma.membership.findMany({
		where: { userId },
		select: {
			role: true,
			org: { select: { name: true, kind: true, aggregateOnly: true, minReportGroupSize: true } },
		},
		orderBy: { createdAt: 'asc' },
	})
	return memberships.map(({ role, org }) => ({ name: org.name, kind: org.kind, role, aggregateOnly: org.aggregateOnly, minReportGroupSize: org.minReportGroupSize }))
}
