// One learner as the organisation sees them: groups, assigned courses with progress, attempts and
// certificates. Only in the individual view: under aggregate-only reports the page is refused.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { courseTitleFor } from '~/certificates/present.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ResultsTable } from '~/components/results-table.tsx'
import { forbidden, requireOrgRole } from '~/auth/guards.server.ts'
import { getCatalog } from '~/courses/catalog.server.ts'
import { needsBundles } from '~/config/string-bundles.ts'
import { learnerReport } from '~/models/learner-report.server.ts'
import { reportAccess } from '~/orgs/report-access.ts'
import { mayManage, REPORT_ROLES } from '~/orgs/roles.ts'
import { isoDay } from '~/utils/dates.ts'
import { refusal } from '~/utils/forms.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org, role } = await requireOrgRole(request, params.org, REPORT_ROLES)
	if (!reportAccess(org, role).individuals) return forbidden(request)
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const report = params.learner && params.learner.length <= 40 ? await learnerReport(org.id, params.learner, getCatalog().bySlug) : null
	if (!report) throw await refusal(request, 'learnerPage.notFound', { status: 404 })
	return {
		title: t('learnerPage.title', { name: report.displayName }),
		org: { slug: org.slug, name: org.name, kind: org.kind },
		learnerId: params.learner!,
		name: report.displayName,
		groups: report.groups,
		courses: report.courses.map((row) => ({
			slug: row.course.slug,
			title: courseTitleFor(row.course.slug, locale),
			dueAt: isoDay(row.dueAt),
			// Past the due date and not finished: owners and administrators may remind (decision 015).
			remindAssignment: mayManage(role) && row.assignmentId && row.dueAt && row.dueAt < new Date() && row.lessonsDone < row.lessonsTotal ? row.assignmentId : null,
			lessonsDone: row.lessonsDone,
			lessonsTotal: row.lessonsTotal,
			lastActiveAt: isoDay(row.lastActiveAt),
			attempts: row.attempts.map((attempt) => ({ id: attempt.id, submittedAt: isoDay(attempt.submittedAt), percent: attempt.percent, passed: attempt.passed })),
		})),
		certificates: report.certificates.map((certificate) => ({
			code: certificate.code,
			course: courseTitleFor(certificate.courseSlug, locale),
			issuedAt: isoDay(certificate.issuedAt),
			expiresAt: isoDay(certificate.expiresAt),
			state: certificate.state,
			earnedHere: certificate.earnedHere,
		})),
	}
}

export const handle = needsBundles('orgs', 'credentials', 'reminders')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function LearnerPage() {
	const { org, learnerId, name, groups, courses, certificates } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<article className="wide">
			<p className="breadcrumb">
				<a href={`/orgs/${org.slug}`}>{org.name}</a>
			</p>
			<h1>{name}</h1>
			<p>
				{t('learnerPage.groups')}:{' '}
				{groups.map((group, index) => (
					<span key={group.id}>
						{index > 0 ? ', ' : ''}
						<a href={`/orgs/${org.slug}/groups/${group.id}`}>{group.name}</a>
					</span>
				))}
			</p>
			<h2>{t('learnerPage.assignments')}</h2>
			{courses.length === 0 ? <p>{t('learnerPage.noAssignments')}</p> : null}
			{courses.map((course) => (
				<section key={course.slug} aria-labelledby={`course-${course.slug}`}>
					<h3 id={`course-${course.slug}`}>{course.title}</h3>
					<ul>
						{course.dueAt ? <li>{t('orgs.due', { date: course.dueAt })}</li> : null}
						<li>{t('learnerPage.progress', { done: course.lessonsDone, total: course.lessonsTotal })}</li>
						<li>
							{t('dashboard.lastActive')}: {course.lastActiveAt ?? t('learnerPage.neverStarted')}
						</li>
					</ul>
					{course.remindAssignment ? (
						<Form method="post" action={`/orgs/${org.slug}/reminders`}>
							<input type="hidden" name="assignment" value={course.remindAssignment} />
							<input type="hidden" name="learner" value={learnerId} />
							<input type="hidden" name="from" value="learner" />
							<p className="small">{t('reminders.hint', { context: org.kind })}</p>
							<button type="submit" className="button button--secondary">
								{t('reminders.remindOne', { name })}
							</button>
						</Form>
					) : null}
					{course.attempts.length > 0 ? (
						<ResultsTable caption={t('learnerPage.attempts', { course: course.title })} columns={[t('learnerPage.attemptDate'), t('learnerPage.attemptScore'), t('learnerPage.attemptResult')]}>
							{course.attempts.map((attempt) => (
								<tr key={attempt.id}>
									<th scope="row">{attempt.submittedAt}</th>
									<td>{attempt.percent} %</td>
									<td>{t(attempt.passed ? 'learnerPage.passed' : 'learnerPage.notPassed')}</td>
								</tr>
							))}
						</ResultsTable>
					) : (
						<p>{t('learnerPage.noAttempts')}</p>
					)}
				</section>
			))}
			<h2>{t('learnerPage.certificates')}</h2>
			{certificates.length === 0 ? (
				<p>{t('learnerPage.noCertificates')}</p>
			) : (
				<ResultsTable caption={t('learnerPage.certificates')} columns={[t('orgs.course'), t('orgCertificates.issued'), t('orgCertificates.expires'), t('orgCertificates.state')]}>
					{certificates.map((certificate) => (
						<tr key={certificate.code}>
							<th scope="row">
								{certificate.course}
								<br />
								<a href={`/verify/${certificate.code}`}>{certificate.code}</a>
								{certificate.earnedHere ? null : <span className="small"> · {t('orgCertificateScope.sharedByHolder')}</span>}
							</th>
							<td>{certificate.issuedAt}</td>
							<td>{certificate.expiresAt ?? '—'}</td>
							<td>{t(`verify.state.${certificate.state}`)}</td>
						</tr>
					))}
				</ResultsTable>
			)}
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
