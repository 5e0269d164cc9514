import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { CourseSection, ItemStatistics } from '~/components/dashboard-sections.tsx'
import { ErrorList } from '~/components/forms.tsx'
import { ResultsTable } from '~/components/results-table.tsx'
import { LearnerFilters, LearnerTable } from '~/components/learner-table.tsx'
import { learnerQueryOf, learnerQueryParams, type LearnerQuery } from '~/orgs/learner-table.ts'
import { getCatalog } from '~/courses/catalog.server.ts'
import { courseTitle } from '~/courses/present.server.ts'
import { groupDashboardPage } from '~/models/group-dashboard.server.ts'
import { courseReportScope, groupKnowledgeGain, itemStatisticsOf } from '~/models/org-reports.server.ts'
import { visibleItems, visibleSummary } from '~/orgs/group-report.ts'
import { reportAccess } from '~/orgs/report-access.ts'
import { assignCourses } from '~/models/organisation.server.ts'
import { largeGroupTotal } from '~/models/large-group-totals.server.ts'
import { reviewParticipation } from '~/models/review.server.ts'
import { itemStatisticsView } from '~/quiz/present.server.ts'
import { MANAGE_ROLES, mayManage, REPORT_ROLES } from '~/orgs/roles.ts'
import { requireGroupRole } from '~/auth/guards.server.ts'
import { redirectWithFlash } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { publicOrigin } from '~/utils/origin.server.ts'
import { needsBundles } from '~/config/string-bundles.ts'
import { KnowledgeGain } from '~/components/quiz/knowledge-gain.tsx'
import { clockTime, isoDay } from '~/utils/dates.ts'

const INVALID = 'orgs.assignInvalid'
// Which slugs exist is the server's to say (the catalogue is server-only); the shape is checked on both.
const assignSchema = z.object({
	course: z.array(z.string().max(80, INVALID), { required_error: INVALID }).min(1, INVALID),
	dueAt: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/, INVALID)
		.transform((day) => new Date(`${day}T23:59:59Z`))
		.refine((date) => !Number.isNaN(date.getTime()), INVALID)
		.optional(),
})

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org, role, group } = await requireGroupRole(request, params.org, params.group, REPORT_ROLES)
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const catalog = getCatalog()
	const title = (slug: string) => {
		const course = catalog.bySlug.get(slug)
		return course ? courseTitle(course, locale) : slug
	}
	const url = new URL(request.url)
	// The learner table's filters, order and page come from the address (a GET form, no JavaScript).
	const query = learnerQueryOf(url.searchParams)
	const { paging, size, summaries } = await groupDashboardPage(group.id, catalog.bySlug, query, url.searchParams.get('page'))
	const access = reportAccess(org, role)
	// A large group's counts are at most a minute old (decision 025); the page says when they were counted.
	const review = access.totals ? (await largeGroupTotal(`review:${group.id}:${size}`, size, () => reviewParticipation(group.id))).value : null
	// Under aggregate-only rules a small count of reviewers is hidden like any other small cell.
	const shown = (count: number) => access.individuals || count === 0 || count >= org.minReportGroupSize
	// The links to the pupil and invitation pages are worded on the server: their bundles are not on this page (decision 014).
	return {
		title: group.name,
		// A school's pupils have PIN accounts and a class CSV; a workplace invites its staff by email.
		groupLinks: org.kind === 'school' ? [{ href: `/orgs/${org.slug}/groups/${group.id}/pupils`, label: t('groupLinks.pupils') }, { href: `/orgs/${org.slug}/groups/${group.id}/enrol`, label: t('groupLinks.enrol') }] : [{ href: `/orgs/${org.slug}/invitations`, label: t('invitations.title') }],
		// Spaced review in counts only, under the same rule as every other total (decision 018);
		// worded here, as its strings' bundle is not on this page.
		review: review
			? {
					heading: t('review.dashboardHeading', { days: review.days }),
					lines: [
						shown(review.learnersWithReviews) ? t('review.dashboardWithCards', { count: review.learnersWithReviews }) : null,
						shown(review.learnersReviewing) ? t('review.dashboardReviewing', { count: review.learnersReviewing }) : null,
						shown(review.learnersReviewing) ? t('review.dashboardReviews', { count: review.reviews }) : null,
					].filter((line) => line !== null),
					note: t('review.dashboardNote'),
					hiddenNote: shown(review.learnersWithReviews) && shown(review.learnersReviewing) ? null : t('reportPrivacy.hiddenCellsNote', { count: org.minReportGroupSize }),
				}
			: null,
		org: { slug: org.slug, name: org.name, kind: org.kind, minReportGroupSize: org.minReportGroupSize },
		group: { id: group.id, name: group.name },
		access,
		// Report viewers read reports only: no join code, no accounts, no assigning (decision 020).
		manage: mayManage(role) ? { joinCode: group.joinCode, joinUrl: `${publicOrigin(request)}/join?code=${group.joinCode}`, courses: catalog.courses.map((course) => ({ slug: course.slug, title: title(course.slug) })) } : null,
		// A big group's table comes a page at a time; totals, overdue names and the CSV cover everyone.
		paging,
		size,
		query,
		queryString: learnerQueryParams(query).toString(),
		summaries: await Promise.all(
			summaries.map(async (summary) => {
				const course = catalog.bySlug.get(summary.courseSlug)!
				const scope = await courseReportScope(org, group.id, course.slug, access)
				const { view } = scope
				return {
					courseSlug: summary.courseSlug,
					// Owners and administrators remind the overdue once the due date has passed (decision 015).
					remindAssignment: mayManage(role) && summary.dueAt && summary.dueAt < new Date() ? summary.assignmentId : null,
					title: title(summary.courseSlug),
					dueAt: isoDay(summary.dueAt),
					...visibleSummary(summary, view),
					batched: view.kind === 'totals',
					countedAt: summary.countedAt ? clockTime(summary.countedAt, locale) : null,
					items: itemStatisticsView(course, visibleItems(await itemStatisticsOf(course, scope.attempts, { members: size }), view), locale, t),
					gain: await groupKnowledgeGain(group.id, course, scope, { members: size }),
				}
			}),
		),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { org, user, group } = await requireGroupRole(request, params.org, params.group, MANAGE_ROLES)
	const submission = await parseForm(request, assignSchema)
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const { bySlug } = getCatalog()
	const courseSlugs = [...new Set(submission.value.course)]
	if (!courseSlugs.every((slug) => bySlug.has(slug))) return data(submission.reply({ fieldErrors: { course: [INVALID] } }), { status: 400 })
	await assignCourses({ groupId: group.id, courseSlugs, dueAt: submission.value.dueAt ?? null, assignedById: user.id })
	return redirectWithFlash(`/orgs/${org.slug}/groups/${group.id}`, 'groupLayout.assigned')
}

export const handle = needsBundles('orgs', 'assessment', 'reminders')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

const STATUSES = ['not-started', 'in-progress', 'completed', 'certified'] as const

export default function GroupPage() {
	const { org, group, access, manage, paging, size, query, queryString, summaries, groupLinks, review } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const location = useLocation()
	const { t } = useTranslation()
	const [form, fields] = useForm({
		lastResult,
		constraint: getZodConstraint(assignSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: assignSchema }),
	})
	const base = `/orgs/${org.slug}/groups/${group.id}`
	return (
		<article className="wide">
			<p className="breadcrumb">
				<a href={`/orgs/${org.slug}`}>{org.name}</a>
			</p>
			<h1>{group.name}</h1>
			{manage ? (
				<>
					<p>{t('orgs.joinCodeIs', { code: manage.joinCode })}</p>
				<p>
					{t('orgs.joinLink')}: <a href={manage.joinUrl}>{manage.joinUrl}</a>
				</p>
				<p>
					<a href={`${base}/poster`}>{t('groupPage.poster')}</a>
				</p>
				<ul className="group-links">
					{groupLinks.map((link) => (
						<li key={link.href}>
							<a href={link.href}>{link.label}</a>
						</li>
					))}
				</ul>
				<h2>{t('orgs.assignTitle')}</h2>
				{/* A new form after each navigation (assigning redirects here): the ticks just sent do not
				    stay ticked, even when they assigned nothing new. */}
				<Form method="post" className="filters assign-courses" {...getFormProps(form)} key={location.key}>
					<ErrorList id={form.errorId} errors={fields.course.errors ?? fields.dueAt.errors} />
					<fieldset className="choices">
						<legend>{t('orgs.courses')}</legend>
						{manage.courses.map((course) => (
							<label key={course.slug} className="choice">
								<input type="checkbox" name="course" value={course.slug} />
								<span>{course.title}</span>
							</label>
						))}
					</fieldset>
					<div className="field">
						<label htmlFor="dueAt">{t('orgs.dueAt')}</label>
						<input id="dueAt" name="dueAt" type="date" />
					</div>
					<button type="submit" className="button">
						{t('orgs.assign')}
					</button>
				</Form>
				</>
			) : null}
			{!access.individuals ? <p className="notice">{t('groupPage.aggregateOnly')}</p> : null}
			{access.individuals && size > 0 && summaries.length > 0 ? <LearnerFilters query={query} action={base} /> : null}
			{summaries.map((summary) => (
				<CourseReport key={summary.courseSlug} summary={summary} org={org} query={query} base={base} learnerBase={`/orgs/${org.slug}/learners`} exportBase={`${base}/export?course=${summary.courseSlug}`} />
			))}
			{review ? (
				<section className="review-participation" aria-labelledby="review-participation-heading">
					<h2 id="review-participation-heading">{review.heading}</h2>
					<ul>
						{review.lines.map((line) => (
							<li key={line}>{line}</li>
						))}
					</ul>
					<p className="small">{review.note}</p>
					{review.hiddenNote ? <p className="small">{review.hiddenNote}</p> : null}
				</section>
			) : null}
			{access.individuals && paging.pages > 1 ? (
				<nav aria-label={t('groupPage.pagesLabel')} className="pager">
					<p>{t('groupPage.showing', { from: paging.from, to: paging.to, size: paging.size })}</p>
					<ul className="inline-list">
						{paging.page > 1 ? (
							<li>
								<a href={`${base}?${pageQuery(queryString, paging.page - 1)}`}>{t('groupPage.previous')}</a>
							</li>
						) : null}
						{paging.page < paging.pages ? (
							<li>
								<a href={`${base}?${pageQuery(queryString, paging.page + 1)}`}>{t('groupPage.next')}</a>
							</li>
						) : null}
					</ul>
				</nav>
			) : null}
		</article>
	)
}

/** The pager keeps the table's filters and order. */
const pageQuery = (queryString: string, page: number) => new URLSearchParams([...new URLSearchParams(queryString), ['page', String(page)]]).toString()

type Summary = ReturnType<typeof useLoaderData<typeof loader>>['summaries'][number]

function CourseReport({ summary, org, query, base, learnerBase, exportBase }: { summary: Summary; org: { slug: string; kind: string; minReportGroupSize: number }; query: LearnerQuery; base: string; learnerBase: string; exportBase: string }) {
	const { t } = useTranslation()
	const minimum = org.minReportGroupSize
	const id = `course-${summary.courseSlug}`
	return (
		<CourseSection id={id} title={summary.title}>
			{summary.dueAt ? <p>{t('orgs.due', { date: summary.dueAt })}</p> : null}
			{summary.withheld ? <p className="notice">{t(`reportPrivacy.withheld.${summary.withheld}`, { count: minimum })}</p> : null}
			{summary.counts ? (
				<>
					<ul className="status-counts">
						{STATUSES.map((status) => (
							<li key={status}>
								{t(`dashboard.${status}`)}: <strong>{summary.counts![status] ?? t('reportPrivacy.hiddenCell')}</strong>
							</li>
						))}
					</ul>
					{STATUSES.some((status) => summary.counts![status] === null) ? <p className="small">{t('reportPrivacy.hiddenCellsNote', { count: minimum })}</p> : null}
					{summary.countedAt ? <p className="small">{t('groupPage.countedAt', { time: summary.countedAt })}</p> : null}
				</>
			) : null}
			{summary.counts ? (
				<p>
					<a href={`${exportBase}&table=totals`} download>
						{t('groupExport.totals')}
					</a>
				</p>
			) : null}
			{summary.overdue && summary.overdue.count > 0 ? (
				<p>
					<strong>{t('groupPage.overdueLearners', { count: summary.overdue.count })}</strong> {summary.overdue.names.join(', ')}
					{summary.overdue.count > summary.overdue.names.length ? ` ${t('groupPage.andMore', { count: summary.overdue.count - summary.overdue.names.length })}` : ''}
				</p>
			) : null}
			{summary.remindAssignment ? (
				<Form method="post" action={`/orgs/${org.slug}/reminders`}>
					<input type="hidden" name="assignment" value={summary.remindAssignment} />
					<p className="small">{t('reminders.hint', { context: org.kind })}</p>
					<button type="submit" className="button button--secondary">
						{t('reminders.remindOverdue', { context: org.kind })}
					</button>
				</Form>
			) : null}
			{summary.overdue ? (
				<>
					<LearnerTable
						query={query}
						base={base}
						learnerBase={learnerBase}
						rows={summary.learners.map((learner) => ({ ...learner, bestPercent: learner.bestScore === null || !learner.maxScore ? null : Math.round((learner.bestScore / learner.maxScore) * 100) }))}
					/>
					<p>
						<a href={`${exportBase}&table=learners`} download>
							{t('groupPage.exportLearners')}
						</a>
					</p>
				</>
			) : null}
			{summary.items.length > 0 ? (
				<ItemStatistics>
					{summary.batched ? <p className="small">{t('reportPrivacy.batchesNote', { count: minimum })}</p> : null}
					<ResultsTable caption={t('groupPage.itemsCaption')} columns={[t('groupPage.question'), t('groupPage.answered'), t('groupPage.rightShare'), t('groupPage.mostChosenWrong')]}>
						{summary.items.map((item) => (
							<tr key={item.id}>
								<th scope="row">{item.prompt}</th>
								<td>{item.answered ?? t('reportPrivacy.hiddenCell')}</td>
								<td>{item.rightPercent === null ? '—' : `${item.rightPercent} %`}</td>
								<td>{item.mostChosenWrong ? t('groupPage.chosenBy', { option: item.mostChosenWrong.text, count: item.mostChosenWrong.count }) : '—'}</td>
							</tr>
						))}
					</ResultsTable>
					<p>
						<a href={`${exportBase}&table=items`} download>
							{t('groupPage.exportItems')}
						</a>
					</p>
				</ItemStatistics>
			) : null}
			{summary.gain ? <KnowledgeGain gain={summary.gain} /> : null}
		</CourseSection>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
