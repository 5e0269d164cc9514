import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { CourseIcon } from '~/components/course-icon.tsx'
import { ProgressBar } from '~/components/progress-bar.tsx'
import { isLocale, LOCALE_NAMES, LOCALES } from '~/config/i18n.ts'
import { getCatalog } from '~/courses/catalog.server.ts'
import { catalogPage } from '~/courses/present.server.ts'
import { AUDIENCES, type Audience } from '~/config/audiences.ts'
import { getLearner } from '~/auth/learner.server.ts'
import { getCompletedLessons } from '~/models/progress.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const params = new URL(request.url).searchParams
	// Unknown filter values are ignored, not errors: a shared or mistyped link still shows courses.
	const audienceParam = params.get('audience')
	const audience = (AUDIENCES as readonly string[]).includes(audienceParam ?? '') ? (audienceParam as Audience) : undefined
	const languageParam = params.get('language')
	const language = isLocale(languageParam) ? languageParam : undefined
	const completed = await getCompletedLessons(await getLearner(request))
	return {
		title: t('catalog.title'),
		filters: { audience: audience ?? '', language: language ?? '' },
		courses: catalogPage(getCatalog().courses, locale, completed, { audience, language }),
	}
}

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Catalog() {
	const { filters, courses } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<>
			<h1>{t('catalog.title')}</h1>
			<p className="lead">{t('catalog.intro')}</p>
			<Form method="get" className="filters" aria-label={t('catalog.filters')}>
				<div className="field">
					<label htmlFor="audience">{t('catalog.audience')}</label>
					<select id="audience" name="audience" defaultValue={filters.audience}>
						<option value="">{t('catalog.any')}</option>
						{AUDIENCES.map((audience) => (
							<option key={audience} value={audience}>
								{t(`audience.${audience}`)}
							</option>
						))}
					</select>
				</div>
				<div className="field">
					<label htmlFor="language">{t('catalog.language')}</label>
					<select id="language" name="language" defaultValue={filters.language}>
						<option value="">{t('catalog.any')}</option>
						{LOCALES.map((locale) => (
							<option key={locale} value={locale} lang={locale}>
								{LOCALE_NAMES[locale]}
							</option>
						))}
					</select>
				</div>
				<button type="submit" className="button button--secondary">
					{t('catalog.apply')}
				</button>
			</Form>
			{courses.length === 0 ? (
				<p role="status">{t('catalog.none')}</p>
			) : (
				<ul className="course-list">
					{courses.map((course) => (
						<li key={course.slug} className="course-card" lang={course.locale}>
							<CourseIcon name={course.icon} />
							<h2>
								<a href={`/courses/${course.slug}`}>{course.title}</a>
							</h2>
							<p>{course.description}</p>
							<p className="course-card__facts">
								{t('catalog.minutes', { count: course.minutes })} · {t('catalog.lessons', { count: course.lessonCount })} ·{' '}
								{course.languages.map((locale) => LOCALE_NAMES[locale]).join(', ')}
							</p>
							{course.progress.done > 0 ? <ProgressBar done={course.progress.done} total={course.progress.total} /> : null}
						</li>
					))}
				</ul>
			)}
		</>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
