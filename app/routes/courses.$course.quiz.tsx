import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorSummary, QuestionFieldsets } from '~/components/question-fieldsets.tsx'
import { CoolDown } from '~/components/quiz/cool-down.tsx'
import { findCourse } from '~/courses/catalog.server.ts'
import { lessonTitle, pickLocale } from '~/courses/present.server.ts'
import type { Course } from '~/courses/read.server.ts'
import { getLearner, getLearnerId } from '~/auth/learner.server.ts'
import type { LearnerRef } from '~/models/learner-ref.server.ts'
import { getCompletedLessons } from '~/models/progress.server.ts'
import { attemptHistory, drawAttempt } from '~/models/assessment.server.ts'
import { offlineIdOf, rememberReplay, replayedTo } from '~/models/offline-submission.server.ts'
import { getBestAttempt, recordAttempt } from '~/models/quiz.server.ts'
import { readAnswerSheet } from '~/quiz/answer-sheet.ts'
import { readAttemptToken } from '~/quiz/attempt-token.server.ts'
import { grade, isLayoutOf, parseAnswers } from '~/quiz/grading.ts'
import { coolDownView } from '~/quiz/present.server.ts'
import { retakeState } from '~/quiz/retake.ts'
import { quizForm } from '~/quiz/present.server.ts'
import { refusal } from '~/utils/forms.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { isOfflineCopy } from '~/utils/offline-copy.server.ts'
import { limitWriteIn, writeRules } from '~/utils/rate-limit.server.ts'
import { needsBundles } from '~/config/string-bundles.ts'

const MAX_FIELDS = 300

function findQuizCourse(slug: string | undefined) {
	const course = findCourse(slug)
	if (!course?.quiz) throw data(null, { status: 404 })
	return { course, quiz: course.quiz }
}

/** The lessons a learner has still to complete before the quiz opens (decision 008). */
async function lessonsLeft(course: Course, learner: LearnerRef | null) {
	const completed = (await getCompletedLessons(learner, course.slug)).get(course.slug)
	return course.lessons.filter((lesson) => !completed?.has(lesson.slug))
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { course, quiz } = findQuizCourse(params.course)
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	// A copy kept for offline reading shows the form to anyone and no one's score (decision 018);
	// handing it in still needs every lesson done, checked when it reaches the server.
	const copy = isOfflineCopy(request)
	const learner = copy ? null : await getLearner(request)
	const shown = pickLocale(course.locales, locale)
	const courseTitle = course.meta.title[shown]!
	const base = { title: t('quiz.title', { course: courseTitle }), course: { slug: course.slug, title: courseTitle }, passMark: quiz.passMark }
	const left = copy ? [] : await lessonsLeft(course, learner)
	if (left.length > 0) {
		const remaining = left.map((lesson) => ({ slug: lesson.slug, title: lessonTitle(lesson, shown) }))
		return { ...base, remaining, coolDown: null, form: null, best: null }
	}
	// A copy is drawn as for someone new; a cool-down and a stale draw are checked when it is handed in.
	const learnerId = copy ? null : await getLearnerId(request)
	const history = await attemptHistory(learnerId, course)
	const retake = retakeState(course.meta.retake, history)
	// Resting after failures (decision 008): the lessons stay open, the form comes back later.
	if (!retake.open) return { ...base, remaining: [], coolDown: coolDownView(retake, locale), form: null, best: await getBestAttempt(learner, course.slug) }
	const { layout, token } = await drawAttempt({ ...course, quiz }, learnerId, 'quiz', history)
	return { ...base, remaining: [], coolDown: null, form: quizForm(course, layout, token, locale, t), best: await getBestAttempt(learner, course.slug) }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { course, quiz } = findQuizCourse(params.course)
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const form = await request.formData().catch(() => null)
	if (!form) throw await refusal(request, 'errors.badForm')
	const sheet = readAnswerSheet(form, MAX_FIELDS)
	if (!sheet) throw await refusal(request, 'quiz.invalidAnswer')
	const token = sheet.token ? readAttemptToken(sheet.token) : null
	if (!token || token.purpose !== 'quiz' || token.course !== course.slug || !isLayoutOf(quiz, token.layout)) throw await refusal(request, 'quiz.expired')
	if (token.version !== course.meta.version) throw await refusal(request, 'quiz.changed')

	const learnerId = await getLearnerId(request)
	if (!learnerId) throw await refusal(request, 'quiz.lessonsFirst')
	// Answered offline and sent again from the phone's queue: the first sending's result.
	const offlineId = offlineIdOf(form)
	const replayed = offlineId ? await replayedTo(offlineId, learnerId) : null
	if (replayed) return redirect(replayed)
	if ((await lessonsLeft(course, { learnerId })).length > 0) throw await refusal(request, 'quiz.lessonsFirst')

	const parsed = parseAnswers(quiz, token.layout, sheet.fields)
	if (!parsed.ok && parsed.kind === 'invalid') throw await refusal(request, 'quiz.invalidAnswer')
	if (!parsed.ok) {
		// The same questions, in the same order, with what was chosen: nothing is saved yet.
		return data(
			{ form: quizForm(course, token.layout, sheet.token as string, locale, t), answers: parsed.answers, missing: parsed.missing },
			{ status: 400 },
		)
	}
	const history = await attemptHistory(learnerId, course)
	const resent = history.find((entry) => entry.token === token.nonce)
	if (resent) return redirect(`/courses/${course.slug}/quiz/attempts/${resent.id}`)
	if (!retakeState(course.meta.retake, history).open) throw await refusal(request, 'assessment.coolingDownRefused')
	// A form opened before the latest attempt was handed in was drawn without knowing it: a retry
	// must be drawn afresh, or two tabs would give the same questions twice (decision 008).
	if (history.some((entry) => entry.submittedAt.getTime() > token.startedAt)) throw await refusal(request, 'assessment.outdated')
	const attempt = await recordAttempt({
		learnerId,
		courseSlug: course.slug,
		courseVersion: course.meta.version,
		locale: pickLocale(course.locales, locale),
		nonce: token.nonce,
		layout: token.layout,
		drawSeed: token.seed,
		startedAt: new Date(token.startedAt),
		grade: grade(quiz, token.layout, parsed.answers),
		quiz,
		// Counted with the attempt, in its transaction: one commit per submission (decision 010).
		limit: (tx) => limitWriteIn(tx, request, context, writeRules.quizSubmission, learnerId),
	})
	if (!attempt) throw await refusal(request, 'quiz.expired')
	const result = `/courses/${course.slug}/quiz/attempts/${attempt.id}`
	if (offlineId) await rememberReplay(offlineId, learnerId, result)
	return redirect(result)
}

export const handle = { ...needsBundles('assessment'), offlineCopy: true }

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageMeta({ data, matches, error })

export default function QuizPage() {
	const page = useLoaderData<typeof loader>()
	const submitted = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const summary = useRef<HTMLDivElement>(null)
	// After a submission with gaps, take keyboard and screen-reader users to the list of them.
	useEffect(() => {
		if (submitted?.missing.length) summary.current?.focus()
	}, [submitted])

	const coursePath = `/courses/${page.course.slug}`
	if (page.coolDown) return <CoolDown coursePath={coursePath} courseTitle={page.course.title} {...page.coolDown} />
	if (!page.form) {
		return (
			<article className="quiz">
				<p className="breadcrumb">
					<a href={coursePath}>{page.course.title}</a>
				</p>
				<h1>{t('quiz.heading')}</h1>
				<p>{t('quiz.locked')}</p>
				<ul>
					{page.remaining.map((lesson) => (
						<li key={lesson.slug}>
							<a href={`${coursePath}/lessons/${lesson.slug}`}>{lesson.title}</a>
						</li>
					))}
				</ul>
			</article>
		)
	}
	const form = submitted?.form ?? page.form
	const missing = new Set(submitted?.missing ?? [])
	const chosen = (questionId: string, option: string) => submitted?.answers[questionId]?.includes(option) ?? false
	return (
		<article className="quiz" lang={form.locale}>
			<p className="breadcrumb">
				<a href={coursePath}>{page.course.title}</a>
			</p>
			<h1>{t('quiz.heading')}</h1>
			<p>{t('quiz.intro', { count: form.questions.length, passMark: page.passMark })}</p>
			{page.best ? <p className="notice notice--quiet">{t('quiz.best', { score: page.best.score, max: page.best.maxScore })}</p> : null}
			<ErrorSummary ref={summary} questions={form.questions} missing={missing} />
			<Form method="post" noValidate>
				<input type="hidden" name="token" value={form.token} />
				<QuestionFieldsets questions={form.questions} missing={missing} chosen={chosen} />
				<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
					{navigation.state === 'submitting' ? t('quiz.submitting') : t('quiz.submit')}
				</button>
			</Form>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
