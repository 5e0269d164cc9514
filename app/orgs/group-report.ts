// What of a group's dashboard a viewer may see, a page at a time (decision 015): pure, so the
// privacy rule is tested without a database.
import type { ItemStatistic } from '~/quiz/grading.ts'
import { isoDay } from '~/utils/dates.ts'
import type { CourseRelease } from '~/orgs/report-access.ts'

const PAGE_SIZE = 50
const OVERDUE_NAMES = 30

type Paging = { page: number; pages: number; from: number; to: number; size: number }

/** The page asked for (`?page=`), kept within the pages there are. */
export function pageOf(requested: string | null, size: number, pageSize = PAGE_SIZE): Paging {
	const pages = Math.max(1, Math.ceil(size / pageSize))
	const number = Number(requested)
	const page = Number.isInteger(number) && number >= 1 ? Math.min(number, pages) : 1
	const shown = (page - 1) * pageSize
	return { page, pages, from: Math.min(shown + 1, size), to: Math.min(shown + pageSize, size), size }
}

/**
 * How one course's part of a report is seen: every row (individual view), totals under the
 * aggregate-only rules with their minimum, or nothing.
 */
export type CourseView = { kind: 'individuals' } | { kind: 'totals'; minimum: number; release: CourseRelease } | { kind: 'none' }

/**
 * Complementary cell suppression: every count between 1 and `minimum - 1` is hidden, and so many
 * more cells of the same row (and column, when column totals are known) that the hidden ones in
 * each line add up to at least `minimum` and are never alone, so no known total gives a hidden
 * cell back by subtraction. The smallest cells are hidden first (least lost); zeros last.
 */
export function suppressCells(table: readonly (readonly number[])[], minimum: number, totals: { rows: boolean; columns: boolean }): (number | null)[][] {
	const hidden = table.map((row) => row.map((value) => value > 0 && value < minimum))
	const lines: [number, number][][] = []
	if (totals.rows) table.forEach((row, r) => lines.push(row.map((_, c) => [r, c])))
	if (totals.columns && table.length > 0) table[0]!.forEach((_, c) => lines.push(table.map((_, r) => [r, c])))
	for (let changed = true; changed; ) {
		changed = false
		for (const line of lines) {
			const suppressed = line.filter(([r, c]) => hidden[r]![c])
			if (suppressed.length === 0) continue
			const sum = suppressed.reduce((total, [r, c]) => total + table[r]![c]!, 0)
			if (suppressed.length >= 2 && sum >= minimum) continue
			const candidates = line.filter(([r, c]) => !hidden[r]![c]).sort(([r1, c1], [r2, c2]) => rank(table[r1]![c1]!) - rank(table[r2]![c2]!))
			const [next] = candidates
			if (!next) continue
			hidden[next[0]]![next[1]] = true
			changed = true
		}
	}
	return table.map((row, r) => row.map((value, c) => (hidden[r]![c] ? null : value)))
}

/** Non-zero cells first, smallest first: a hidden zero protects nothing when the sum is known. */
const rank = (value: number) => (value === 0 ? Number.MAX_SAFE_INTEGER : value)

type StatusCounts<Status extends string> = Record<Status, number>

/** A course's status totals under aggregate-only rules: small cells and their complements hidden. */
export function suppressedCounts<Status extends string>(counts: StatusCounts<Status>, minimum: number): Record<Status, number | null> {
	const statuses = Object.keys(counts) as Status[]
	const [row] = suppressCells([statuses.map((status) => counts[status])], minimum, { rows: true, columns: false })
	return Object.fromEntries(statuses.map((status, index) => [status, row![index]!])) as Record<Status, number | null>
}

type VisibleItem = { questionId: string; answered: number | null; rightShare: number | null; mostChosenWrong: { option: string; count: number } | null }

/**
 * Item statistics as the view allows. Under aggregate-only rules (statistics over one attempt per
 * reported respondent, so counts are people): a question answered by fewer than `minimum` shows
 * nothing; the right and wrong counts are one row whose total is shown, so a small one hides
 * both; the most chosen wrong option only when at least `minimum` people chose it.
 */
export function visibleItems(items: readonly ItemStatistic[], view: CourseView): VisibleItem[] {
	if (view.kind === 'individuals') return [...items]
	if (view.kind === 'none' || !view.release.released) return []
	const { minimum } = view
	const rows = items.map((item) => {
		const right = Math.round((item.rightShare ?? 0) * item.answered)
		return [right, item.answered - right]
	})
	const cells = suppressCells(rows, minimum, { rows: true, columns: false })
	return items.map((item, index) => {
		if (item.answered < minimum) return { questionId: item.questionId, answered: null, rightShare: null, mostChosenWrong: null }
		const [right, wrong] = cells[index]!
		const shown = right !== null && wrong !== null
		return {
			questionId: item.questionId,
			answered: item.answered,
			rightShare: shown ? item.rightShare : null,
			mostChosenWrong: shown && item.mostChosenWrong && item.mostChosenWrong.count >= minimum ? item.mostChosenWrong : null,
		}
	})
}

type Learner = { displayName: string; overdue: boolean; lastActiveAt: Date | null; certifiedAt?: Date | null }

/** Which rows the page shows: the database is asked for these (group-dashboard.server.ts). */
export const rowsOfPage = (paging: Paging) => ({ limit: PAGE_SIZE, offset: (paging.page - 1) * PAGE_SIZE })

/**
 * One course's part of the page: learners' rows and overdue names only in the individual view
 * (aggregate-only: no one's row or name leaves the server); totals in the individual view, or
 * under aggregate-only rules with small cells suppressed when the course's totals may be
 * released at all. `rows` is the page's rows (the learners as filtered and sorted by the viewer);
 * totals and the overdue count cover everyone, the overdue names the first of them by name.
 */
export function visibleSummary<Status extends string, Row extends Learner>(summary: { counts: StatusCounts<Status>; overdue: { count: number; names: string[] }; rows: Row[] }, view: CourseView) {
	const individuals = view.kind === 'individuals'
	return {
		counts: individuals ? (summary.counts as Record<Status, number | null>) : view.kind === 'totals' && view.release.released ? suppressedCounts(summary.counts, view.minimum) : null,
		withheld: view.kind === 'totals' && !view.release.released ? view.release.reason : null,
		learners: individuals ? summary.rows.slice(0, PAGE_SIZE).map((learner) => ({ ...learner, lastActiveAt: isoDay(learner.lastActiveAt), certifiedAt: isoDay(learner.certifiedAt) })) : [],
		overdue: individuals ? { count: summary.overdue.count, names: summary.overdue.names.slice(0, OVERDUE_NAMES) } : null,
	}
}
