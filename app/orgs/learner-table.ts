// The group's learner table as the viewer asked for it in the address (`?q=&status=&overdue=1&sort=&dir=`):
// filtered and sorted on the server, so the table works without JavaScript. Pure: unit-tested.
export const LEARNER_STATUSES = ['not-started', 'in-progress', 'completed', 'certified'] as const
export type Status = (typeof LEARNER_STATUSES)[number]
export const LEARNER_SORTS = ['name', 'status', 'lessons', 'score', 'activity'] as const
export type LearnerSort = (typeof LEARNER_SORTS)[number]

export type LearnerQuery = { q: string; status: Status | null; overdue: boolean; sort: LearnerSort; dir: 'asc' | 'desc' }

type Row = { displayName: string; status: Status; lessonsDone: number; bestScore: number | null; maxScore: number | null; lastActiveAt: Date | null; overdue: boolean }

const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | null => (allowed as readonly string[]).includes(value ?? '') ? (value as T) : null

/** Whatever the address says, a valid query: unknown values fall back to the defaults. */
export function learnerQueryOf(params: URLSearchParams): LearnerQuery {
	return {
		q: (params.get('q') ?? '').trim().slice(0, 80),
		status: pick(params.get('status'), LEARNER_STATUSES),
		overdue: params.get('overdue') === '1',
		sort: pick(params.get('sort'), LEARNER_SORTS) ?? 'name',
		dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
	}
}

/** The query as address parameters, leaving out defaults (for links that keep the table as it is). */
export function learnerQueryParams(query: LearnerQuery): URLSearchParams {
	const params = new URLSearchParams()
	if (query.q) params.set('q', query.q)
	if (query.status) params.set('status', query.status)
	if (query.overdue) params.set('overdue', '1')
	if (query.sort !== 'name') params.set('sort', query.sort)
	if (query.dir !== 'asc') params.set('dir', query.dir)
	return params
}

const percent = (row: Row) => (row.bestScore === null || !row.maxScore ? -1 : row.bestScore / row.maxScore)
const collator = new Intl.Collator(['kk', 'ru', 'en'], { sensitivity: 'base' })
const KEYS: Record<LearnerSort, (a: Row, b: Row) => number> = {
	name: () => 0,
	status: (a, b) => LEARNER_STATUSES.indexOf(a.status) - LEARNER_STATUSES.indexOf(b.status),
	lessons: (a, b) => a.lessonsDone - b.lessonsDone,
	score: (a, b) => percent(a) - percent(b),
	activity: (a, b) => (a.lastActiveAt?.getTime() ?? -1) - (b.lastActiveAt?.getTime() ?? -1),
}

/** The rows the query keeps, in its order (ties by name, so the order is stable across pages). */
export function applyLearnerQuery<R extends Row>(rows: readonly R[], query: LearnerQuery): R[] {
	const needle = query.q.toLocaleLowerCase()
	const kept = rows.filter((row) => (!needle || row.displayName.toLocaleLowerCase().includes(needle)) && (!query.status || row.status === query.status) && (!query.overdue || row.overdue))
	const sign = query.dir === 'desc' ? -1 : 1
	return kept.sort((a, b) => sign * (KEYS[query.sort](a, b) || collator.compare(a.displayName, b.displayName)))
}
