import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ProgressBar } from '~/components/progress-bar.tsx'
import { getCatalog } from '~/courses/catalog.server.ts'
import { courseSummary } from '~/courses/present.server.ts'
import { getLearner } from '~/auth/learner.server.ts'
import { assignmentsFor } from '~/models/organisation.server.ts'
import { getCompletedLessons } from '~/models/progress.server.ts'
import { dueCards } from '~/models/review.server.ts'
import { getUser } from '~/auth/identity.server.ts'
import { i18nServer, getLocale } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { isoDay } from '~/utils/dates.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const learner = await getLearner(request)
	const completed = await getCompletedLessons(learner)
	const inProgress = getCatalog()
		.courses.filter((course) => completed.has(course.slug))
		.map((course) => courseSummary(course, locale, completed.get(course.slug)))
		.filter((course) => !course.progress.completed)
	const userId = (await getUser(request))?.id
	const now = Date.now()
	const assigned = (userId ? await assignmentsFor(userId) : []).flatMap((assignment) => {
		const course = getCatalog().bySlug.get(assignment.courseSlug)
		if (!course) return []
		const summary = courseSummary(course, locale, completed.get(course.slug))
		return [
			{
				slug: course.slug,
				title: summary.title,
				group: assignment.group.name,
				dueAt: isoDay(assignment.dueAt),
				overdue: assignment.dueAt !== null && assignment.dueAt.getTime() < now && !summary.progress.completed,
				done: summary.progress.completed,
			},
		]
	})
	const due = (await dueCards(learner, getCatalog().courses.map((course) => course.slug), new Date(now))).length
	// Worded here (the review strings' bundle is not on this page). Never the course's name: a
	// reminder on a shared screen must not say what the learning is about (decision 018).
	const review = due > 0 ? { heading: t('review.reminderHeading'), text: t('review.reminder', { count: due }), link: t('review.reminderLink') } : null
	return { title: t('home.title'), inProgress, assigned, review }
}

// The home page's title already names the product, so it is not suffixed.
export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) =>
	pageMeta({ matches, error, data, bare: true })

export default function Home() {
	const { inProgress, assigned, review } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<article className="home">
			<h1>{t('home.heading')}</h1>
			{review ? (
				<section className="review-due" aria-labelledby="review-due-heading">
					<h2 id="review-due-heading">{review.heading}</h2>
					<p>{review.text}</p>
					<p>
						<a className="button" href="/review">
							{review.link}
						</a>
					</p>
				</section>
			) : null}
			{assigned.length > 0 ? (
				<section className="assigned" aria-labelledby="assigned-heading">
					<h2 id="assigned-heading">{t('home.assignedHeading')}</h2>
					<ul>
						{assigned.map((assignment) => (
							<li key={`${assignment.group}-${assignment.slug}`}>
								<a href={`/courses/${assignment.slug}`}>{assignment.title}</a> ({assignment.group})
								{assignment.dueAt ? ` — ${t('home.due', { date: assignment.dueAt })}` : ''}
								{assignment.overdue ? <strong className="overdue"> {t('dashboard.overdue')}</strong> : null}
								{assignment.done ? ` ✓ ${t('dashboard.completed')}` : ''}
							</li>
						))}
					</ul>
				</section>
			) : null}
			{inProgress.length > 0 ? (
				<section className="continue" aria-labelledby="continue-heading">
					<h2 id="continue-heading">{t('home.continueHeading')}</h2>
					<ul className="course-list">
						{inProgress.map((course) => (
							<li key={course.slug} className="course-card" lang={course.locale}>
								<a className="button" href={`/courses/${course.slug}/lessons/${course.progress.nextLesson}`}>
									{t('home.continueLink', { course: course.title })}
								</a>
								<ProgressBar done={course.progress.done} total={course.progress.total} />
							</li>
						))}
					</ul>
				</section>
			) : null}
			<p className="lead">{t('home.intro')}</p>
			<p>
				<a className="button" href="/courses">
					{t('home.browse')}
				</a>
			</p>
			<h2>{t('home.forWhom')}</h2>
			<ul>
				<li>{t('home.alone')}</li>
				<li>{t('home.schools')}</li>
				<li>{t('home.workplaces')}</li>
			</ul>
			<p>{t('home.languages')}</p>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
