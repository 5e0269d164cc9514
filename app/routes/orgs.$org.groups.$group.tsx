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
import { getCatalog } from '~/courses/catalog.server.ts'
import { courseTitle } from '~/courses/present.server.ts'
import { groupDashboard } from '~/models/group-dashboard.server.ts'
import { groupItemStatistics, groupKnowledgeGain } from '~/models/org-reports.server.ts'
import { OVERDUE_NAMES, PAGE_SIZE, pageOf, visibleSummary } from '~/orgs/group-report.ts'
import { reportAccess } from '~/orgs/report-access.ts'
import { assignCourses, groupSize } from '~/models/organisation.server.ts'
import { reviewParticipation } from '~/models/review.server.ts'
import { itemStatisticsView } from '~/quiz/present.server.ts'
import { requireGroupRole } from '~/auth/guards.server.ts'
import { redirectWithFlash } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { publicOrigin } from '~/utils/origin.server.ts'
import { needsBundles } from '~/config/string-bundles.ts'
import { KnowledgeGain } from '~/components/quiz/knowledge-gain.tsx'
import { isoDay } from '~/utils/dates.ts'

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
	const { org, role, group } = await requireGroupRole(request, params.org, params.group)
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const catalog = getCatalog()
	const title = (slug: string) => {
		const course = catalog.bySlug.get(slug)
		return course ? courseTitle(course, locale) : slug
	}
	const size = await groupSize(group.id)
	const access = reportAccess(org, role, size)
	const paging = pageOf(new URL(request.url).searchParams.get('page'), size)
	const summaries = await groupDashboard(group.id, catalog.bySlug, { skip: (paging.page - 1) * PAGE_SIZE, take: PAGE_SIZE, overdueNames: OVERDUE_NAMES })
	const review = access.totals ? await reviewParticipation(group.id) : null
	// The links to the pupil pages are worded on the server: their bundle is not on this page (decision 014).
	return {
		title: group.name,
		pupilLinks: { pupils: t('groupLinks.pupils'), enrol: t('groupLinks.enrol') },
		// Spaced review in counts only, under the same rule as every other total (decision 018);
		// worded here, as its strings' bundle is not on this page.
		review: review
			? {
					heading: t('review.dashboardHeading', { days: review.days }),
					lines: [
						t('review.dashboardWithCards', { count: review.learnersWithReviews }),
						t('review.dashboardReviewing', { count: review.learnersReviewing }),
						t('review.dashboardReviews', { count: review.reviews }),
					],
					note: t('review.dashboardNote'),
				}
			: null,
		org: { slug: org.slug, name: org.name, minReportGroupSize: org.minReportGroupSize },
		group,
		access,
		joinUrl: `${publicOrigin(request)}/join?code=${group.joinCode}`,
		courses: catalog.courses.map((course) => ({ slug: course.slug, title: title(course.slug) })),
		// A big group's table comes a page at a time; totals, overdue names and the CSV cover everyone.
		paging,
		summaries: await Promise.all(
			summaries.map(async (summary) => {
				const course = catalog.bySlug.get(summary.courseSlug)!
				return {
					courseSlug: summary.courseSlug,
					title: title(summary.courseSlug),
					dueAt: isoDay(summary.dueAt),
					...visibleSummary(summary, access),
					items: access.totals ? itemStatisticsView(course, await groupItemStatistics(group.id, course), locale, t) : [],
					gain: access.totals ? await groupKnowledgeGain(group.id, course, org) : null,
				}
			}),
		),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { org, user, group } = await requireGroupRole(request, params.org, params.group)
	const submission = await parseForm(request, assignSchema)
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const { bySlug } = getCatalog()
	const courseSlugs = [...new Set(submission.value.course)]
	if (!courseSlugs.every((slug) => bySlug.has(slug))) return data(submission.reply({ fieldErrors: { course: [INVALID] } }), { status: 400 })
	await assignCourses({ groupId: group.id, courseSlugs, dueAt: submission.value.dueAt ?? null, assignedById: user.id })
	return redirectWithFlash(`/orgs/${org.slug}/groups/${group.id}`, 'groupLayout.assigned')
}

export const handle = needsBundles('orgs', 'assessment')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

const STATUSES = ['not-started', 'in-progress', 'completed', 'certified'] as const

export default function GroupPage() {
	const { org, group, access, joinUrl, courses, paging, summaries, pupilLinks, review } = useLoaderData<typeof loader>()
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
			<p>{t('orgs.joinCodeIs', { code: group.joinCode })}</p>
			<p>
				{t('orgs.joinLink')}: <a href={joinUrl}>{joinUrl}</a>
			</p>
			<p>
				<a href={`${base}/poster`}>{t('groupPage.poster')}</a>
			</p>
			<ul className="group-links">
				<li>
					<a href={`${base}/pupils`}>{pupilLinks.pupils}</a>
				</li>
				<li>
					<a href={`${base}/enrol`}>{pupilLinks.enrol}</a>
				</li>
			</ul>
			<h2>{t('orgs.assignTitle')}</h2>
			{/* A new form after each navigation (assigning redirects here): the ticks just sent do not
			    stay ticked, even when they assigned nothing new. */}
			<Form method="post" className="filters" {...getFormProps(form)} key={location.key}>
				<ErrorList id={form.errorId} errors={fields.course.errors ?? fields.dueAt.errors} />
				<fieldset className="choices">
					<legend>{t('orgs.courses')}</legend>
					{courses.map((course) => (
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
			{!access.totals ? <p className="notice">{t('groupPage.tooSmall', { count: org.minReportGroupSize })}</p> : !access.individuals ? <p className="notice">{t('groupPage.aggregateOnly')}</p> : null}
			{summaries.map((summary) => (
				<CourseReport key={summary.courseSlug} summary={summary} exportBase={`${base}/export?course=${summary.courseSlug}`} />
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
				</section>
			) : null}
			{access.individuals && paging.pages > 1 ? (
				<nav aria-label={t('groupPage.pagesLabel')} className="pager">
					<p>{t('groupPage.showing', { from: paging.from, to: paging.to, size: paging.size })}</p>
					<ul className="inline-list">
						{paging.page > 1 ? (
							<li>
								<a href={`${base}?page=${paging.page - 1}`}>{t('groupPage.previous')}</a>
							</li>
						) : null}
						{paging.page < paging.pages ? (
							<li>
								<a href={`${base}?page=${paging.page + 1}`}>{t('groupPage.next')}</a>
							</li>
						) : null}
					</ul>
				</nav>
			) : null}
		</article>
	)
}

type Summary = ReturnType<typeof useLoaderData<typeof loader>>['summaries'][number]

function CourseReport({ summary, exportBase }: { summary: Summary; exportBase: string }) {
	const { t } = useTranslation()
	const id = `course-${summary.courseSlug}`
	return (
		<CourseSection id={id} title={summary.title}>
			{summary.dueAt ? <p>{t('orgs.due', { date: summary.dueAt })}</p> : null}
			{summary.counts ? (
				<ul className="status-counts">
					{STATUSES.map((status) => (
						<li key={status}>
							{t(`dashboard.${status}`)}: <strong>{summary.counts![status]}</strong>
						</li>
					))}
				</ul>
			) : null}
			{summary.overdue && summary.overdue.count > 0 ? (
				<p>
					<strong>{t('groupPage.overdueLearners', { count: summary.overdue.count })}</strong> {summary.overdue.names.join(', ')}
					{summary.overdue.count > summary.overdue.names.length ? ` ${t('groupPage.andMore', { count: summary.overdue.count - summary.overdue.names.length })}` : ''}
				</p>
			) : null}
			{summary.learners.length > 0 ? (
				<>
					<ResultsTable caption={t('dashboard.learners')} columns={[t('dashboard.name'), t('dashboard.status'), t('dashboard.lessonsDone'), t('dashboard.bestScore'), t('dashboard.lastActive')]}>
						{summary.learners.map((learner) => (
							<tr key={learner.userId}>
								<th scope="row">{learner.displayName}</th>
								<td>
									{t(`dashboard.${learner.status}`)}
									{learner.overdue ? ` · ${t('dashboard.overdue')}` : ''}
								</td>
								<td>{learner.lessonsDone}</td>
								<td>{learner.bestScore === null ? '—' : `${learner.bestScore} / ${learner.maxScore}`}</td>
								<td>{learner.lastActiveAt ?? '—'}</td>
							</tr>
						))}
					</ResultsTable>
					<p>
						<a href={`${exportBase}&table=learners`} download>
							{t('groupPage.exportLearners')}
						</a>
					</p>
				</>
			) : null}
			{summary.items.length > 0 ? (
				<ItemStatistics>
					<ResultsTable caption={t('groupPage.itemsCaption')} columns={[t('groupPage.question'), t('groupPage.answered'), t('groupPage.rightShare'), t('groupPage.mostChosenWrong')]}>
						{summary.items.map((item) => (
							<tr key={item.id}>
								<th scope="row">{item.prompt}</th>
								<td>{item.answered}</td>
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
