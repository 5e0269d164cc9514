// What a teacher sees for a class or team: per assigned course, how many learners stand where,
// who is overdue, and one page of learners' rows. Everything is read from the per-learner,
// per-course summaries (learner-summary.server.ts): the totals are counts the database makes
// with an index, the rows are the page's own, so a 20,000-learner group costs about what a class
// of 25 does (docs/decisions/012-benchmark.md). Members are selected by a join, never by a list
// of ids: SQLite caps a statement's bound parameters.
import type { Course } from '~/courses/read.server.ts'
import { prisma } from '~/utils/db.server.ts'

export type LearnerStatus = 'not-started' | 'in-progress' | 'completed' | 'certified'

export type LearnerRow = {
	userId: string
	displayName: string
	lessonsDone: number
	bestScore: number | null
	maxScore: number | null
	lastActiveAt: Date | null
	status: LearnerStatus
	overdue: boolean
}

export type CourseSummary = {
	courseSlug: string
	dueAt: Date | null
	counts: Record<LearnerStatus, number>
	overdue: { count: number; names: string[] }
	/** The requested page of the group's learners (all of them when no page was asked for). */
	learners: LearnerRow[]
}

export type DashboardOptions = { skip?: number; take?: number; overdueNames?: number; now?: Date }

type Summary = { courseSlug: string; lessonsDone: number; bestScore: number | null; maxScore: number | null; certifiedUntil: Date | null }

function statusOf(summary: Summary | undefined, course: Course, now: Date): LearnerStatus {
	if (!summary) return 'not-started'
	if (summary.certifiedUntil && summary.certifiedUntil > now) return 'certified'
	if (summary.lessonsDone >= course.lessons.length) return 'completed'
	return summary.lessonsDone > 0 ? 'in-progress' : 'not-started'
}

export async function groupDashboard(groupId: string, courses: Map<string, Course>, options: DashboardOptions = {}): Promise<CourseSummary[]> {
	const now = options.now ?? new Date()
	const inGroup = { groupMemberships: { some: { groupId } } }
	const [group, size] = await Promise.all([
		prisma.group.findUniqueOrThrow({
			where: { id: groupId },
			select: { assignments: { select: { courseSlug: true, dueAt: true }, orderBy: { createdAt: 'asc' } } },
		}),
		prisma.groupMember.count({ where: { groupId } }),
	])
	const assignments = group.assignments.filter((assignment) => courses.has(assignment.courseSlug))
	const slugs = assignments.map((assignment) => assignment.courseSlug)
	const notCertified = { OR: [{ certifiedUntil: null }, { certifiedUntil: { lte: now } }] }

	const [members, ...perCourse] = await Promise.all([
		prisma.user.findMany({
			where: inGroup,
			orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
			skip: options.skip,
			take: options.take,
			select: {
				id: true,
				displayName: true,
				learner: {
					select: {
						lastActiveAt: true,
						summaries: { where: { courseSlug: { in: slugs } }, select: { courseSlug: true, lessonsDone: true, bestScore: true, maxScore: true, certifiedUntil: true } },
					},
				},
			},
		}),
		...assignments.map(async ({ courseSlug, dueAt }) => {
			const course = courses.get(courseSlug)!
			const where = { courseSlug, learner: { user: inGroup } }
			const overdueWanted = dueAt !== null && dueAt < now
			const [certified, started, overdueNames] = await Promise.all([
				prisma.learnerCourseSummary.count({ where: { ...where, certifiedUntil: { gt: now } } }),
				// A handful of rows (one per number of lessons done), whatever the group's size.
				prisma.learnerCourseSummary.groupBy({ by: ['lessonsDone'], where: { ...where, lessonsDone: { gt: 0 }, ...notCertified }, _count: { _all: true } }),
				overdueWanted
					? prisma.user.findMany({
							where: {
								...inGroup,
								NOT: { learner: { is: { summaries: { some: { courseSlug, OR: [{ lessonsDone: { gte: course.lessons.length } }, { certifiedUntil: { gt: now } }] } } } } },
							},
							orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
							take: options.overdueNames ?? 30,
							select: { displayName: true },
						})
					: Promise.resolve([]),
			])
			const completed = started.filter((entry) => entry.lessonsDone >= course.lessons.length).reduce((total, entry) => total + entry._count._all, 0)
			const inProgress = started.filter((entry) => entry.lessonsDone < course.lessons.length).reduce((total, entry) => total + entry._count._all, 0)
			const counts = { 'not-started': size - certified - completed - inProgress, 'in-progress': inProgress, completed, certified }
			return { courseSlug, dueAt, counts, overdue: { count: overdueWanted ? counts['not-started'] + counts['in-progress'] : 0, names: overdueNames.map((user) => user.displayName) } }
		}),
	])

	return perCourse.map((summary) => {
		const course = courses.get(summary.courseSlug)!
		const learners = members.map((member): LearnerRow => {
			const row = member.learner?.summaries.find((candidate) => candidate.courseSlug === summary.courseSlug)
			const status = statusOf(row, course, now)
			return {
				userId: member.id,
				displayName: member.displayName,
				lessonsDone: row?.lessonsDone ?? 0,
				bestScore: row?.bestScore ?? null,
				maxScore: row?.maxScore ?? null,
				lastActiveAt: member.learner?.lastActiveAt ?? null,
				status,
				overdue: summary.dueAt !== null && summary.dueAt < now && (status === 'not-started' || status === 'in-progress'),
			}
		})
		return { ...summary, learners }
	})
}
