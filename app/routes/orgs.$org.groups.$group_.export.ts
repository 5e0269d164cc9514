// /orgs/:org/groups/:group/export?course=…&table=learners|items|totals: the dashboard's tables as CSV,
// under the same rules as the page (aggregate-only reports never export a person's row).
import { type LoaderFunctionArgs } from '@remix-run/node'
import { getCatalog } from '~/courses/catalog.server.ts'
import { groupDashboard } from '~/models/group-dashboard.server.ts'
import { courseReportScope, itemStatisticsOf } from '~/models/org-reports.server.ts'
import { suppressedCounts, visibleItems } from '~/orgs/group-report.ts'
import { reportAccess } from '~/orgs/report-access.ts'
import { itemStatisticsView } from '~/quiz/present.server.ts'
import { REPORT_ROLES } from '~/orgs/roles.ts'
import { forbidden, requireGroupRole } from '~/auth/guards.server.ts'
import { csvResponse } from '~/utils/csv.ts'
import { refusal } from '~/utils/forms.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { isoDay } from '~/utils/dates.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org, role, group } = await requireGroupRole(request, params.org, params.group, REPORT_ROLES)
	const url = new URL(request.url)
	const table = url.searchParams.get('table')
	const course = getCatalog().bySlug.get(url.searchParams.get('course') ?? '')
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	if (!course || (table !== 'learners' && table !== 'items' && table !== 'totals')) throw await refusal(request, 'groupPage.exportInvalid')
	const access = reportAccess(org, role)
	if (table === 'items') {
		const { view, attempts } = await courseReportScope(org, group.id, course.slug, access)
		if (view.kind === 'none' || (view.kind === 'totals' && !view.release.released)) return forbidden(request)
		const items = itemStatisticsView(course, visibleItems(await itemStatisticsOf(course, attempts), view), locale, t)
		return csvResponse(
			`quiz-items-${course.slug}.csv`,
			[t('groupPage.question'), t('groupPage.answered'), t('groupPage.rightShare'), t('groupPage.mostChosenWrong'), t('groupPage.chosenCount')],
			items.map((item) => [item.prompt, item.answered, item.rightPercent, item.mostChosenWrong?.text, item.mostChosenWrong?.count]),
		)
	}
	// Totals: how many learners stand where, no one named (what a report viewer exports under aggregate-only).
	if (table === 'totals') {
		const { view } = await courseReportScope(org, group.id, course.slug, access)
		if (view.kind === 'none' || (view.kind === 'totals' && !view.release.released)) return forbidden(request)
		const summary = (await groupDashboard(group.id, new Map([[course.slug, course]]))).find((candidate) => candidate.courseSlug === course.slug)
		if (!summary) throw await refusal(request, 'groupPage.exportInvalid')
		// The same cells as the page: under aggregate-only rules small counts and their complements are hidden.
		const counts = view.kind === 'totals' ? suppressedCounts(summary.counts, view.minimum) : summary.counts
		const statuses = ['not-started', 'in-progress', 'completed', 'certified'] as const
		return csvResponse(
			`group-totals-${course.slug}.csv`,
			[t('dashboard.status'), t('dashboard.learners')],
			statuses.map((status) => [t(`dashboard.${status}`), counts[status] ?? t('reportPrivacy.hiddenCell')]),
		)
	}
	if (!access.individuals) return forbidden(request)
	const summary = (await groupDashboard(group.id, new Map([[course.slug, course]]))).find((candidate) => candidate.courseSlug === course.slug)
	if (!summary) throw await refusal(request, 'groupPage.exportInvalid')
	return csvResponse(
		`group-report-${course.slug}.csv`,
		[t('dashboard.name'), t('dashboard.status'), t('dashboard.lessonsDone'), t('learnerTable.lessonsTotal'), t('learnerTable.bestPercent'), t('learnerTable.certificate'), t('dashboard.lastActive'), t('dashboard.overdue')],
		summary.learners.map((learner) => [
			learner.displayName,
			t(`dashboard.${learner.status}`),
			learner.lessonsDone,
			course.lessons.length,
			learner.bestScore === null || !learner.maxScore ? null : Math.round((learner.bestScore / learner.maxScore) * 100),
			isoDay(learner.certifiedAt),
			isoDay(learner.lastActiveAt),
			learner.overdue ? t('groupPage.yes') : '',
		]),
	)
}
