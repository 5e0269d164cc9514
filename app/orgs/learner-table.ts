// The group's learner table as the viewer asked for it in the address (`?q=&status=&overdue=1&sort=&dir=`):
// filtered, sorted and paged by the database (group-dashboard.server.ts), so the table works
// without JavaScript. Pure.
export const LEARNER_STATUSES = ['not-started', 'in-progress', 'completed', 'certified'] as const
export type Status = (typeof LEARNER_STATUSES)[number]
export const LEARNER_SORTS = ['name', 'status', 'lessons', 'score', 'activity'] as const
export type LearnerSort = (typeof LEARNER_SORTS)[number]

export type LearnerQuery = { q: string; status: Status | null; overdue: boolean; sort: LearnerSort; dir: 'asc' | 'desc' }

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
