// What of a group's dashboard a viewer may see, a page at a time (decision 015): pure, so the
// privacy rule is tested without a database.
import { isoDay } from '~/utils/dates.ts'
import type { ReportAccess } from './report-access.ts'

export const PAGE_SIZE = 50
export const OVERDUE_NAMES = 30

export type Paging = { page: number; pages: number; from: number; to: number; size: number }

/** The page asked for (`?page=`), kept within the pages there are. */
export function pageOf(requested: string | null, size: number, pageSize = PAGE_SIZE): Paging {
	const pages = Math.max(1, Math.ceil(size / pageSize))
	const number = Number(requested)
	const page = Number.isInteger(number) && number >= 1 ? Math.min(number, pages) : 1
	const shown = (page - 1) * pageSize
	return { page, pages, from: Math.min(shown + 1, size), to: Math.min(shown + pageSize, size), size }
}

type Learner = { displayName: string; overdue: boolean; lastActiveAt: Date | null }

/**
 * One course's part of the page: totals when the viewer may see totals, and learners' rows and
 * overdue names only when they may see individuals (aggregate-only: no one's row or name leaves
 * the server). A big group's table comes a page at a time; totals and overdue names cover everyone.
 */
export function visibleSummary<Counts, Row extends Learner>(
	summary: { counts: Counts; learners: Row[] },
	access: ReportAccess,
	paging: Paging,
	pageSize = PAGE_SIZE,
) {
	const overdue = summary.learners.filter((learner) => learner.overdue)
	const shown = (paging.page - 1) * pageSize
	return {
		counts: access.totals ? summary.counts : null,
		learners: access.individuals ? summary.learners.slice(shown, shown + pageSize).map((learner) => ({ ...learner, lastActiveAt: isoDay(learner.lastActiveAt) })) : [],
		overdue: access.individuals ? { count: overdue.length, names: overdue.slice(0, OVERDUE_NAMES).map((learner) => learner.displayName) } : null,
	}
}
