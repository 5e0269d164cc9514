import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, type ClientLoaderFunctionArgs } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { LessonBody, rememberLessonBody } from '~/components/lesson/lesson-body.tsx'
import { lessonBody } from '~/components/lesson/lesson-body.server.tsx'
import { SourceTitle } from '~/components/source-title.tsx'
import { ProgressBar } from '~/components/progress-bar.tsx'
import { LOCALE_NAMES } from '~/config/i18n.ts'
import { findLesson } from '~/courses/catalog.server.ts'
import { lessonPage } from '~/courses/present.server.ts'
import { getLearner, requireLearnerForWrite } from '~/auth/learner.server.ts'
import { offlineIdField, rememberReplay, replayedTo } from '~/models/offline-submission.server.ts'
import { completeLesson, getCompletedLessons } from '~/models/progress.server.ts'
import { getPracticePicks } from '~/models/assessment.server.ts'
import { parseForm, refusal } from '~/utils/forms.server.ts'
import { getLocale } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { isOfflineCopy } from '~/utils/offline-copy.server.ts'

function requireLesson(params: LoaderFunctionArgs['params']) {
	const found = findLesson(params.course, params.lesson)
	if (!found) throw data(null, { status: 404 })
	return found
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { course, lesson } = requireLesson(params)
	const locale = await getLocale(request)
	// A copy kept for offline reading shows no one's progress and no one's choices (decision 018).
	const learner = isOfflineCopy(request) ? null : await getLearner(request)
	const completed = await getCompletedLessons(learner, course.slug)
	const page = await lessonPage(course, lesson, locale, completed.get(course.slug))
	// Only a lesson with scenario choices asks for the learner's picks (a lesson page's query budget, decision 019).
	const picks = page.hasChoices ? await getPracticePicks(learner, course.slug, lesson.slug) : {}
	const practice = { action: `/courses/${course.slug}/lessons/${lesson.slug}/practice`, picks }
	// The body itself is not loader data: the page's render takes it from the server's rendered
	// bodies, the browser from the document or from ./body (clientLoader below).
	const bodyId = await lessonBody(lesson.files[page.lesson.locale]!, locale, page.sources, practice)
	return { ...page, practice, bodyId, title: `${page.lesson.title} · ${page.course.title}` }
}

/** After a client-side navigation (a completed lesson's redirect), the body comes as HTML. */
export async function clientLoader({ request, serverLoader }: ClientLoaderFunctionArgs) {
	const url = new URL(request.url)
	const [page, body] = await Promise.all([
		serverLoader<typeof loader>(),
		fetch(`${url.pathname}/body${url.search}`, { signal: request.signal }),
	])
	const id = body.headers.get('X-Lesson-Body')
	if (body.ok && id) rememberLessonBody(id, await body.text())
	return page
}

const completeSchema = z.object({ intent: z.literal('complete'), offlineId: offlineIdField })

export async function action({ request, params }: ActionFunctionArgs) {
	const { course, lesson } = requireLesson(params)
	const submission = await parseForm(request, completeSchema)
	if (submission.status !== 'success') throw await refusal(request, 'errors.badForm')
	const { learnerId, setCookie } = await requireLearnerForWrite(request)
	const headers = setCookie ? { headers: { 'Set-Cookie': setCookie } } : undefined
	// Completed offline and sent again from the phone's queue: once is enough.
	const offlineId = submission.value.offlineId ?? null
	const replayed = offlineId ? await replayedTo(offlineId, learnerId) : null
	if (replayed) return redirect(replayed, headers)
	await completeLesson(learnerId, course.slug, lesson.slug)
	const next = course.lessons[lesson.number]
	const target = next
		? `/courses/${course.slug}/lessons/${next.slug}`
		: course.quiz
			? `/courses/${course.slug}/quiz`
			: `/courses/${course.slug}`
	if (offlineId) await rememberReplay(offlineId, learnerId, target)
	return redirect(target, headers)
}

export const handle = { offlineCopy: true }

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageMeta({ data, matches, error })

export default function LessonPage() {
	const page = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const coursePath = `/courses/${page.course.slug}`
	const nextHref = page.next ? `${coursePath}/lessons/${page.next}` : page.course.hasQuiz ? `${coursePath}/quiz` : coursePath
	return (
		<article className="lesson" lang={page.lesson.locale}>
			<p className="breadcrumb">
				<a href={coursePath}>{page.course.title}</a>
			</p>
			<p className="lesson__position">{t('lesson.position', { number: page.lesson.number, total: page.total })}</p>
			<ProgressBar done={page.progress.done} total={page.progress.total} />
			<h1>{page.lesson.title}</h1>
			{page.fallbackFrom ? (
				<p className="notice" role="note" lang={page.fallbackFrom}>
					{t('lesson.fallback', { language: LOCALE_NAMES[page.lesson.locale] })}
				</p>
			) : null}
			{page.lesson.contentNote ? (
				<aside className="content-note content-note--first" aria-labelledby="content-note-title">
					<p id="content-note-title" className="content-note__label">
						{t('lesson.contentNote')}
					</p>
					<p>{page.lesson.contentNote}</p>
					<p>
						<a href={nextHref}>{page.next ? t('lesson.skipToNext') : t('lesson.skipToEnd')}</a>
					</p>
					{/* The note invites skipping; what skipping costs is said beside it (issue 20). */}
					<p className="content-note__hint">{t('lesson.skipNote')}</p>
				</aside>
			) : null}
			<p className="lesson__minutes">{t('lesson.minutes', { count: page.lesson.minutes })}</p>
			<LessonBody id={page.bodyId} />
			{page.sources.length > 0 ? (
				<section className="lesson__sources" aria-labelledby="lesson-sources">
					<h2 id="lesson-sources">{t('lesson.sources')}</h2>
					<ol>
						{page.sources.map((source) => (
							<li key={source.id} id={`source-${source.id}`} value={source.number}>
								<SourceTitle source={source} />
							</li>
						))}
					</ol>
				</section>
			) : null}
			<div className="lesson__actions">
				{page.lesson.done ? (
					<p className="lesson__done">
						{t('lesson.alreadyDone')}{' '}
						<a className="button" href={nextHref}>
							{page.next ? t('lesson.next') : page.course.hasQuiz ? t('course.takeQuiz') : t('lesson.backToCourse')}
						</a>
					</p>
				) : (
					<Form method="post">
						<button type="submit" name="intent" value="complete" className="button">
							{page.next ? t('lesson.completeAndContinue') : page.course.hasQuiz ? t('lesson.completeAndQuiz') : t('lesson.complete')}
						</button>
					</Form>
				)}
				<nav className="lesson__nav" aria-label={t('lesson.navigation')}>
					{page.previous ? <a href={`${coursePath}/lessons/${page.previous}`}>{t('lesson.previous')}</a> : <span />}
					{page.next ? <a href={`${coursePath}/lessons/${page.next}`}>{t('lesson.next')}</a> : null}
				</nav>
			</div>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
