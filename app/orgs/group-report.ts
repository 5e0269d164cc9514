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

type Learner = { displayName: string; lastActiveAt: Date | null }

/**
 * One course's part of the page: totals when the viewer may see totals, and learners' rows and
 * overdue names only when they may see individuals (aggregate-only: no one's row or name leaves
 * the server). The summary holds one page of rows; its totals and overdue count cover everyone
 * (app/models/group-dashboard.server.ts reads only the page).
 */
export function visibleSummary<Counts, Row extends Learner>(
	summary: { counts: Counts; learners: Row[]; overdue: { count: number; names: string[] } },
	access: ReportAccess,
) {
	return {
		counts: access.totals ? summary.counts : null,
		learners: access.individuals ? summary.learners.map((learner) => ({ ...learner, lastActiveAt: isoDay(learner.lastActiveAt) })) : [],
		overdue: access.individuals ? summary.overdue : null,
	}
}
