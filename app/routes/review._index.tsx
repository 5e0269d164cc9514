// /review: the next two-minute review, from the learner's cards that are due (decision 018). The
// form is signed like a quiz attempt (for review only), graded on the server, and moves each
// card with its answer; the answer key reaches the page only after grading.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { getLearner, getLearnerId } from '~/auth/learner.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorSummary, QuestionFieldsets } from '~/components/question-fieldsets.tsx'
import { needsBundles } from '~/config/string-bundles.ts'
import { findCourse, getCatalog } from '~/courses/catalog.server.ts'
import { dueCards, nextDueDate, recordReview } from '~/models/review.server.ts'
import { createAttemptToken, newSeed, readAttemptToken } from '~/quiz/attempt-token.server.ts'
import { reviewLayout } from '~/quiz/draw.ts'
import { grade, isLayoutOf, parseAnswers } from '~/quiz/grading.ts'
import { quizForm } from '~/quiz/present.server.ts'
import { nextReview, REVIEW_SIZE } from '~/review/schedule.ts'
import { refusal } from '~/utils/forms.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { limitWrite, writeRules } from '~/utils/rate-limit.server.ts'

const MAX_FIELDS = 100

const courseSlugs = () => getCatalog().courses.filter((course) => course.quiz).map((course) => course.slug)

export async function loader({ request }: LoaderFunctionArgs) {
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const learner = await getLearner(request)
	const now = new Date()
	const next = nextReview(await dueCards(learner, courseSlugs(), now), now)
	const course = next ? findCourse(next.courseSlug) : undefined
	if (!next || !course?.quiz) {
		const due = await nextDueDate(learner, courseSlugs())
		return { title: t('review.title'), form: null, nextDue: due?.toISOString().slice(0, 10) ?? null }
	}
	const seed = newSeed()
	const layout = reviewLayout(course.quiz, next.questionIds, seed)
	const token = createAttemptToken({ purpose: 'review', course: course.slug, version: course.meta.version, seed, layout }, now.getTime())
	return { title: t('review.title'), form: quizForm(course, layout, token, locale, t), nextDue: null }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const form = await request.formData().catch(() => null)
	if (!form) throw await refusal(request, 'errors.badForm')
	const fields: [string, string][] = []
	for (const [name, value] of form) {
		if (typeof value !== 'string' || fields.length >= MAX_FIELDS) throw await refusal(request, 'quiz.invalidAnswer')
		fields.push([name, value])
	}
	const tokenValue = form.getAll('token')
	const token = tokenValue.length === 1 ? readAttemptToken(tokenValue[0]) : null
	const course = token?.purpose === 'review' ? findCourse(token.course) : undefined
	if (!token || !course?.quiz || token.layout.length > REVIEW_SIZE || !isLayoutOf(course.quiz, token.layout)) throw await refusal(request, 'quiz.expired')
	if (token.version !== course.meta.version) throw await refusal(request, 'quiz.changed')
	const learnerId = await getLearnerId(request)
	await limitWrite(request, context, writeRules.reviewSubmission, learnerId)
	if (!learnerId) throw await refusal(request, 'quiz.expired')

	const parsed = parseAnswers(course.quiz, token.layout, fields)
	if (!parsed.ok && parsed.kind === 'invalid') throw await refusal(request, 'quiz.invalidAnswer')
	if (!parsed.ok) {
		return data({ form: quizForm(course, token.layout, tokenValue[0] as string, locale, t), answers: parsed.answers, missing: parsed.missing }, { status: 400 })
	}
	const review = await recordReview({
		learnerId,
		courseSlug: course.slug,
		nonce: token.nonce,
		layout: token.layout,
		grade: grade(course.quiz, token.layout, parsed.answers),
		now: new Date(),
	})
	if (!review) throw await refusal(request, 'quiz.expired')
	return redirect(`/review/${review.id}`)
}

export const handle = needsBundles('learning')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Review() {
	const page = useLoaderData<typeof loader>()
	const submitted = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const summary = useRef<HTMLDivElement>(null)
	useEffect(() => {
		if (submitted?.missing.length) summary.current?.focus()
	}, [submitted])
	const form = submitted?.form ?? page.form
	if (!form) {
		return (
			<article className="review">
				<h1>{t('review.heading')}</h1>
				<p>{t('review.nothingDue')}</p>
				<p>{page.nextDue ? t('review.nextDue', { date: page.nextDue }) : t('review.noCards')}</p>
			</article>
		)
	}
	const missing = new Set(submitted?.missing ?? [])
	return (
		<article className="review quiz" lang={form.locale}>
			<h1>{t('review.heading')}</h1>
			<p>{t('review.intro')}</p>
			<ErrorSummary ref={summary} questions={form.questions} missing={missing} />
			<Form method="post" noValidate>
				<input type="hidden" name="token" value={form.token} />
				<QuestionFieldsets questions={form.questions} missing={missing} chosen={(id, option) => submitted?.answers[id]?.includes(option) ?? false} />
				<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
					{navigation.state === 'submitting' ? t('quiz.submitting') : t('review.submit')}
				</button>
			</Form>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
