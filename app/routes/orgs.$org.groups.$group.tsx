import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { getCatalog } from '~/courses/catalog.server.ts'
import { pickLocale } from '~/courses/present.server.ts'
import { groupDashboard } from '~/models/group-dashboard.server.ts'
import { assignCourse, findGroup } from '~/models/org.server.ts'
import { requireOrgRole } from '~/utils/auth.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { publicOrigin } from '~/utils/origin.server.ts'

async function requireGroup(request: Request, orgSlug: string | undefined, groupId: string | undefined) {
	const { org, user } = await requireOrgRole(request, orgSlug, ['owner', 'teacher'])
	const group = await findGroup(org.id, groupId)
	if (!group) throw data(null, { status: 404 })
	return { org, user, group }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org, group } = await requireGroup(request, params.org, params.group)
	const locale = await getLocale(request)
	const catalog = getCatalog()
	const title = (slug: string) => {
		const course = catalog.bySlug.get(slug)
		return course ? course.meta.title[pickLocale(course.locales, locale)]! : slug
	}
	const summaries = await groupDashboard(group.id, catalog.bySlug)
	return {
		title: group.name,
		org: { slug: org.slug, name: org.name },
		group,
		joinUrl: `${publicOrigin(request)}/join?code=${group.joinCode}`,
		courses: catalog.courses.map((course) => ({ slug: course.slug, title: title(course.slug) })),
		summaries: summaries.map((summary) => ({
			...summary,
			title: title(summary.courseSlug),
			dueAt: summary.dueAt?.toISOString().slice(0, 10) ?? null,
			learners: summary.learners.map((learner) => ({ ...learner, lastActiveAt: learner.lastActiveAt?.toISOString().slice(0, 10) ?? null })),
		})),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { org, user, group } = await requireGroup(request, params.org, params.group)
	const form = await request.formData().catch(() => null)
	const courseSlug = form?.get('course')
	const due = form?.get('dueAt')
	const dueAt = typeof due === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(due) ? new Date(`${due}T23:59:59Z`) : null
	if (typeof courseSlug !== 'string' || !getCatalog().bySlug.has(courseSlug) || (typeof due === 'string' && due !== '' && (!dueAt || Number.isNaN(dueAt.getTime())))) {
		const t = await i18nServer.getFixedT(await getLocale(request))
		return data({ error: t('orgs.assignInvalid') }, { status: 400 })
	}
	await assignCourse({ groupId: group.id, courseSlug, dueAt, assignedById: user.id })
	return redirect(`/orgs/${org.slug}/groups/${group.id}`)
}

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

const STATUSES = ['not-started', 'in-progress', 'completed', 'certified'] as const

export default function GroupPage() {
	const { org, group, joinUrl, courses, summaries } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const { t } = useTranslation()
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
			<ul className="group-links">
				<li>
					<a href={`/orgs/${org.slug}/groups/${group.id}/pupils`}>{t('pupils.groupLink')}</a>
				</li>
				<li>
					<a href={`/orgs/${org.slug}/groups/${group.id}/enrol`}>{t('enrol.groupLink')}</a>
				</li>
			</ul>
			<h2>{t('orgs.assignTitle')}</h2>
			<Form method="post" className="filters">
				{result?.error ? <p className="field-error">{result.error}</p> : null}
				<div className="field">
					<label htmlFor="course">{t('orgs.course')}</label>
					<select id="course" name="course">
						{courses.map((course) => (
							<option key={course.slug} value={course.slug}>
								{course.title}
							</option>
						))}
					</select>
				</div>
				<div className="field">
					<label htmlFor="dueAt">{t('orgs.dueAt')}</label>
					<input id="dueAt" name="dueAt" type="date" />
				</div>
				<button type="submit" className="button">
					{t('orgs.assign')}
				</button>
			</Form>
			{summaries.map((summary) => (
				<section key={summary.courseSlug} aria-labelledby={`course-${summary.courseSlug}`}>
					<h2 id={`course-${summary.courseSlug}`}>{summary.title}</h2>
					{summary.dueAt ? <p>{t('orgs.due', { date: summary.dueAt })}</p> : null}
					<ul className="status-counts">
						{STATUSES.map((status) => (
							<li key={status}>
								{t(`dashboard.${status}`)}: <strong>{summary.counts[status]}</strong>
							</li>
						))}
					</ul>
					<table className="results">
						<caption>{t('dashboard.learners')}</caption>
						<thead>
							<tr>
								<th scope="col">{t('dashboard.name')}</th>
								<th scope="col">{t('dashboard.status')}</th>
								<th scope="col">{t('dashboard.lessonsDone')}</th>
								<th scope="col">{t('dashboard.bestScore')}</th>
								<th scope="col">{t('dashboard.lastActive')}</th>
							</tr>
						</thead>
						<tbody>
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
						</tbody>
					</table>
				</section>
			))}
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
