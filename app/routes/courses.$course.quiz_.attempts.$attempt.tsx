import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Field } from '~/components/forms.tsx'
import { findCourse } from '~/courses/catalog.server.ts'
import { courseTitle } from '~/courses/present.server.ts'
import { getLearner, getLearnerId } from '~/auth/learner.server.ts'
import { learnerIdOf } from '~/models/learner-ref.server.ts'
import { findCurrentCertificate, isEligible, isRenewable, issueCertificate } from '~/models/certificate.server.ts'
import { getAttempt, getBestAttempt } from '~/models/quiz.server.ts'
import { displayName } from '~/utils/account-fields.ts'
import { getIdentity } from '~/auth/identity.server.ts'
import { quizResult } from '~/quiz/present.server.ts'
import { parseForm, refusal } from '~/utils/forms.server.ts'
import { attemptHistory } from '~/models/assessment.server.ts'
import { keyRevealed } from '~/quiz/retake.ts'
import { needsBundles } from '~/config/string-bundles.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { AnswerList } from '~/components/quiz/answer-list.tsx'

const issueSchema = z.object({ holderName: displayName })

export async function loader({ request, params }: LoaderFunctionArgs) {
	const course = findCourse(params.course)
	const learner = await getLearner(request)
	const user = (await getIdentity(request))?.user ?? null
	// Someone else's attempt is "not found": its existence is nobody else's business.
	const attempt = course?.quiz && params.attempt ? await getAttempt(params.attempt, learner) : null
	if (!course?.quiz || !attempt || attempt.courseSlug !== course.slug) throw data(null, { status: 404 })
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const best = await getBestAttempt(learner, course.slug)
	const history = await attemptHistory(await getLearnerId(request), course)
	const upToThis = history.slice(0, history.findIndex((entry) => entry.id === attempt.id) + 1 || history.length)
	const revealKey = (attempt.passed ?? false) || keyRevealed(course.meta.retake, { passedCourse: history.some((entry) => entry.passed), failuresSoFar: upToThis.filter((entry) => !entry.passed).length })
	const current = user ? await findCurrentCertificate(user.id, course) : null
	// A pass inside the renewal window offers a new certificate instead of the current one.
	const certificate = current && user && !(await isRenewable({ userId: user.id }, current)) ? current : null
	return {
		signedIn: user !== null,
		holderName: user?.displayName ?? '',
		certificateCode: certificate?.code ?? null,
		canIssue: user !== null && !certificate && (await isEligible({ userId: user.id }, course)),
		title: t('quiz.resultTitle'),
		course: { slug: course.slug, title: courseTitle(course, locale) },
		score: attempt.score ?? 0,
		maxScore: attempt.maxScore ?? 0,
		percent: attempt.maxScore ? Math.round(((attempt.score ?? 0) / attempt.maxScore) * 100) : 0,
		passed: attempt.passed ?? false,
		passMark: course.quiz.passMark,
		bestPassed: best?.passed ?? false,
		revealKey,
		questions: quizResult(course, attempt, locale, t, revealKey),
	}
}

/** Issuing the certificate, with the name as the holder confirms it. */
export async function action({ request, params }: ActionFunctionArgs) {
	const course = findCourse(params.course)
	if (!course?.quiz) throw data(null, { status: 404 })
	const identity = await getIdentity(request)
	const learnerId = identity ? await learnerIdOf({ userId: identity.user.id }) : null
	if (!identity || !learnerId) throw redirect(`/login?${new URLSearchParams({ redirectTo: new URL(request.url).pathname })}`)
	const submission = await parseForm(request, issueSchema)
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const certificate = await issueCertificate({ userId: identity.user.id, learnerId, course, holderName: submission.value.holderName, locale: await getLocale(request) })
	if (!certificate) throw await refusal(request, 'certificate.notEligible')
	return redirect(`/certificates/${certificate.code}`)
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageMeta({ data, matches, error })

export default function QuizResult() {
	const result = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const { t } = useTranslation()
	const [form, fields] = useForm({
		lastResult,
		constraint: getZodConstraint(issueSchema),
		defaultValue: { holderName: result.holderName },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: issueSchema }),
	})
	const coursePath = `/courses/${result.course.slug}`
	return (
		<article className="quiz-result">
			<p className="breadcrumb">
				<a href={coursePath}>{result.course.title}</a>
			</p>
			<h1>{t('quiz.resultTitle')}</h1>
			<p className="quiz-result__score">{t('quiz.score', { score: result.score, max: result.maxScore, percent: result.percent })}</p>
			<p className={result.passed ? 'notice notice--success' : 'notice'}>
				{result.passed ? t('quiz.passed') : t('quiz.failed', { passMark: result.passMark })}
			</p>
			{result.certificateCode ? (
				<p>
					<a className="button" href={`/certificates/${result.certificateCode}`}>
						{t('certificate.view')}
					</a>
				</p>
			) : result.canIssue ? (
				<section className="issue" aria-labelledby="issue-title">
					<h2 id="issue-title">{t('certificate.getTitle')}</h2>
					<p>{t('certificate.confirmName')}</p>
					<Form method="post" {...getFormProps(form)}>
						<Field label={t('certificate.nameLabel')} errors={fields.holderName.errors} inputProps={{ ...getInputProps(fields.holderName, { type: 'text' }), id: 'holderName' }} />
						<button type="submit" className="button">
							{t('certificate.issue')}
						</button>
					</Form>
				</section>
			) : result.passed && !result.signedIn ? (
				<p className="notice">
					{t('certificate.signInFirst')} <a href={`/signup?${claimQuery(coursePath)}`}>{t('signup.title')}</a> ·{' '}
					<a href={`/login?${claimQuery(coursePath)}`}>{t('login.title')}</a>
				</p>
			) : null}
			<p>
				{result.passed ? (
					<a className="button button--secondary" href={coursePath}>
						{t('lesson.backToCourse')}
					</a>
				) : (
					<a className="button" href={`${coursePath}/quiz`}>
						{t('quiz.tryAgain')}
					</a>
				)}
			</p>
			{!result.revealKey ? <p className="notice notice--quiet">{t('assessment.result.keyLater')}</p> : null}
			<AnswerList questions={result.questions} />
			{!result.passed ? (
				<p>
					<a className="button" href={`${coursePath}/quiz`}>
						{t('quiz.tryAgain')}
					</a>
				</p>
			) : null}
		</article>
	)
}

/** Signing up or in from here comes back to the certificate's name form. */
function claimQuery(coursePath: string) {
	return new URLSearchParams({ redirectTo: `${coursePath}/certificate` }).toString()
}

export const handle = needsBundles('assessment')

export const ErrorBoundary = GeneralErrorBoundary
