import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ProgressBar } from '~/components/progress-bar.tsx'
import { LOCALE_NAMES } from '~/config/i18n.ts'
import { findCourse } from '~/courses/catalog.server.ts'
import { coursePage } from '~/courses/present.server.ts'
import { getLearner, getLearnerId } from '~/auth/learner.server.ts'
import { getCompletedLessons } from '~/models/progress.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { getUser } from '~/auth/identity.server.ts'
import { courseAssessment } from '~/models/assessment.server.ts'
import { needsBundles } from '~/config/string-bundles.ts'
import { CourseAssessment } from '~/components/quiz/course-assessment.tsx'
import { pageMeta } from '~/utils/meta.ts'
import { SourceTitle } from '~/components/source-title.tsx'
import { isOfflineCopy } from '~/utils/offline-copy.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const course = findCourse(params.course)
	if (!course) throw data(null, { status: 404 })
	const locale = await getLocale(request)
	// A copy kept for offline reading shows no one's progress and no one's assessment (decision 018).
	const copy = isOfflineCopy(request)
	const learnerId = copy ? null : await getLearnerId(request)
	const completed = await getCompletedLessons(copy ? null : await getLearner(request), course.slug)
	const user = copy ? null : await getUser(request)
	const t = await i18nServer.getFixedT(locale)
	const base = `/courses/${course.slug}`
	return {
		...coursePage(course, locale, completed.get(course.slug)),
		signedIn: user !== null,
		assessment: await courseAssessment(course, learnerId, user?.id ?? null),
		// Worded here: the offline strings' bundle is not on this page. public/offline.js shows the
		// button when a service worker can keep the pages (never without JavaScript).
		keepOffline: {
			heading: t('offline.saveCourseHeading'),
			text: t('offline.saveCourseText'),
			button: t('offline.saveCourse'),
			saving: t('offline.saving'),
			saved: t('offline.savedCourse'),
			tooBig: t('offline.tooBig'),
			failed: t('offline.saveFailed'),
			paths: [base, ...course.lessons.map((lesson) => `${base}/lessons/${lesson.slug}`), ...(course.quiz ? [`${base}/quiz`] : [])],
		},
	}
}

export const handle = { ...needsBundles('assessment'), offlineCopy: true }

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageMeta({ data, matches, error })

export default function CoursePage() {
	const course = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const next = course.progress.nextLesson
	const action = next
		? { href: `/courses/${course.slug}/lessons/${next}`, label: course.progress.done === 0 ? t('course.start') : t('course.continue') }
		: course.hasQuiz
			? { href: `/courses/${course.slug}/quiz`, label: t('course.takeQuiz') }
			: null
	return (
		<article className="course" lang={course.locale}>
			<p className="breadcrumb">
				<a href="/courses">{t('catalog.title')}</a>
			</p>
			<h1>{course.title}</h1>
			{course.fallbackFrom ? (
				<p className="notice" role="note" lang={course.fallbackFrom}>
					{t('course.fallback', { language: LOCALE_NAMES[course.locale] })}
				</p>
			) : null}
			<p className="lead">{course.description}</p>
			<p className="course__facts">
				{t('catalog.minutes', { count: course.minutes })} · {t('catalog.lessons', { count: course.lessonCount })}
				{course.ages ? (
					<> · {course.ages.max ? t('course.agesRange', { min: course.ages.min, max: course.ages.max }) : t('course.agesFrom', { min: course.ages.min })}</>
				) : null}
			</p>
			{course.underReview ? <p className="notice notice--quiet">{t('course.underReview')}</p> : null}
			<ProgressBar done={course.progress.done} total={course.progress.total} />
			{action ? (
				<p>
					<a className="button" href={action.href}>
						{action.label}
					</a>
				</p>
			) : null}
			<CourseAssessment slug={course.slug} signedIn={course.signedIn} {...course.assessment} />
			<h2>{t('course.lessonsHeading')}</h2>
			<ol className="lesson-list">
				{course.lessons.map((lesson) => (
					<li key={lesson.slug} className={lesson.done ? 'lesson-list__item lesson-list__item--done' : 'lesson-list__item'}>
						<a href={`/courses/${course.slug}/lessons/${lesson.slug}`}>{lesson.title}</a>{' '}
						<span className="lesson-list__status">{lesson.done ? t('course.done') : t('course.notStarted')}</span>
					</li>
				))}
				{course.hasQuiz ? (
					<li className="lesson-list__item">
						<a href={`/courses/${course.slug}/quiz`}>{t('course.quiz')}</a>
					</li>
				) : null}
			</ol>
			<KeepOffline {...course.keepOffline} />
			<h2>{t('course.sourcesHeading')}</h2>
			<ul className="sources">
				{course.sources.map((source) => (
					<li key={source.id}>
						<SourceTitle source={source} />
					</li>
				))}
			</ul>
			<p className="small">
				{t('course.disclaimer')}
				{course.lastReviewed ? ` ${t('course.lastReviewed', { date: course.lastReviewed })}` : null}
			</p>
		</article>
	)
}

function KeepOffline(keep: ReturnType<typeof useLoaderData<typeof loader>>['keepOffline']) {
	return (
		<section
			className="keep-offline"
			aria-labelledby="keep-offline-heading"
			hidden
			data-keep-offline={JSON.stringify(keep.paths)}
			data-saving={keep.saving}
			data-saved={keep.saved}
			data-too-big={keep.tooBig}
			data-failed={keep.failed}
		>
			<h2 id="keep-offline-heading">{keep.heading}</h2>
			<p>{keep.text}</p>
			<button type="button" className="button button--secondary">
				{keep.button}
			</button>
			<p role="status" className="keep-offline__status"></p>
		</section>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
