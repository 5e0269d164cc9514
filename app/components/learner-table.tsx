// The group's learners, filtered and sorted through the address: a GET form and header links,
// so it works without JavaScript (rules: ~/orgs/learner-table.ts). Only in the individual view.
import { useTranslation } from 'react-i18next'
import { LEARNER_SORTS, LEARNER_STATUSES, learnerQueryParams, type LearnerQuery, type LearnerSort } from '~/orgs/learner-table.ts'

type LearnerTableRow = {
	userId: string
	displayName: string
	status: (typeof LEARNER_STATUSES)[number]
	overdue: boolean
	lessonsDone: number
	bestPercent: number | null
	certifiedAt: string | null
	lastActiveAt: string | null
}

/** The filters, once above the page's tables; a plain GET form that keeps nothing else. */
export function LearnerFilters({ query, action }: { query: LearnerQuery; action: string }) {
	const { t } = useTranslation()
	return (
		<form method="get" action={action} className="filters learner-filters" aria-labelledby="learner-filters-title">
			<h2 id="learner-filters-title">{t('learnerTable.filtersTitle')}</h2>
			<div className="field">
				<label htmlFor="learner-q">{t('learnerTable.search')}</label>
				<input id="learner-q" name="q" type="search" defaultValue={query.q} maxLength={80} />
			</div>
			<div className="field">
				<label htmlFor="learner-status">{t('dashboard.status')}</label>
				<select id="learner-status" name="status" defaultValue={query.status ?? ''}>
					<option value="">{t('learnerTable.anyStatus')}</option>
					{LEARNER_STATUSES.map((status) => (
						<option key={status} value={status}>
							{t(`dashboard.${status}`)}
						</option>
					))}
				</select>
			</div>
			<label className="choice">
				<input type="checkbox" name="overdue" value="1" defaultChecked={query.overdue} />
				<span>{t('learnerTable.overdueOnly')}</span>
			</label>
			<div className="field">
				<label htmlFor="learner-sort">{t('learnerTable.sort')}</label>
				<select id="learner-sort" name="sort" defaultValue={query.sort}>
					{LEARNER_SORTS.map((sort) => (
						<option key={sort} value={sort}>
							{t(`learnerTable.sortBy.${sort}`)}
						</option>
					))}
				</select>
			</div>
			<div className="field">
				<label htmlFor="learner-dir">{t('learnerTable.order')}</label>
				<select id="learner-dir" name="dir" defaultValue={query.dir}>
					<option value="asc">{t('learnerTable.dir.asc')}</option>
					<option value="desc">{t('learnerTable.dir.desc')}</option>
				</select>
			</div>
			<p>
				<button type="submit" className="button">
					{t('learnerTable.apply')}
				</button>{' '}
				<a href={action}>{t('learnerTable.clear')}</a>
			</p>
		</form>
	)
}

const COLUMNS: { sort: LearnerSort | null; label: string }[] = [
	{ sort: 'name', label: 'dashboard.name' },
	{ sort: 'status', label: 'dashboard.status' },
	{ sort: 'lessons', label: 'dashboard.lessonsDone' },
	{ sort: 'score', label: 'learnerTable.bestPercent' },
	{ sort: null, label: 'learnerTable.certificate' },
	{ sort: 'activity', label: 'dashboard.lastActive' },
]

/** One course's learners; each name opens the learner's page, each sortable header re-sorts. */
export function LearnerTable({ rows, query, base, learnerBase }: { rows: LearnerTableRow[]; query: LearnerQuery; base: string; learnerBase: string }) {
	const { t } = useTranslation()
	const sortHref = (sort: LearnerSort) => {
		const params = learnerQueryParams({ ...query, sort, dir: query.sort === sort && query.dir === 'asc' ? 'desc' : 'asc' })
		return `${base}?${params}`
	}
	if (rows.length === 0) return <p>{t('learnerTable.noMatch')}</p>
	return (
		<table className="results">
			<caption>{t('dashboard.learners')}</caption>
			<thead>
				<tr>
					{COLUMNS.map((column) => (
						<th key={column.label} scope="col" aria-sort={column.sort && query.sort === column.sort ? (query.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
							{column.sort ? <a href={sortHref(column.sort)}>{t(column.label)}</a> : t(column.label)}
						</th>
					))}
				</tr>
			</thead>
			<tbody>
				{rows.map((row) => (
					<tr key={row.userId}>
						<th scope="row">
							<a href={`${learnerBase}/${row.userId}`}>{row.displayName}</a>
						</th>
						<td>
							{t(`dashboard.${row.status}`)}
							{row.overdue ? ` · ${t('dashboard.overdue')}` : ''}
						</td>
						<td>{row.lessonsDone}</td>
						<td>{row.bestPercent === null ? '—' : `${row.bestPercent} %`}</td>
						<td>{row.certifiedAt ?? '—'}</td>
						<td>{row.lastActiveAt ?? '—'}</td>
					</tr>
				))}
			</tbody>
		</table>
	)
}
