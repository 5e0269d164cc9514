// The optional pre-test (course.yaml `pretest: true`): questions from the quiz's pool before the
// lessons, never graded and never counted, so the organisation can see what was learned
// (decision 008). A question left open counts as not known. Works without JavaScript.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { needsBundles } from '~/config/string-bundles.ts'
import { findCourse } from '~/courses/catalog.server.ts'
import { pickLocale } from '~/courses/present.server.ts'
import { attemptHistory, drawAttempt, getPretest, recordPretest } from '~/models/assessment.server.ts'
import { getLearnerId, requireLearnerForWrite } from '~/auth/learner.server.ts'
import { readAttemptToken } from '~/quiz/attempt-token.server.ts'
import { grade, isLayoutOf, parseAnswers } from '~/quiz/grading.ts'
import { quizForm } from '~/quiz/present.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { refusal } from '~/utils/forms.server.ts'
import { limitWrite, writeRules } from '~/utils/rate-limit.server.ts'

const MAX_FIELDS = 300

function findPretestCourse(slug: string | undefined) {
	const course = findCourse(slug)
	if (!course?.quiz || course.meta.pretest !== true) throw data(null, { status: 404 })
	return { ...course, quiz: course.quiz }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const course = findPretestCourse(params.course)
	const learnerId = await getLearnerId(request)
	// Once taken, or once the graded quiz was tried, there is no "before" left to measure.
	if ((await getPretest(learnerId, course.slug)) || (await attemptHistory(learnerId, course)).length > 0) throw redirect(`/courses/${course.slug}`)
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const { layout, token } = await drawAttempt(course, learnerId, 'pretest', [])
	const courseTitle = course.meta.title[pickLocale(course.locales, locale)]!
	return { title: t('assessment.pretest.title', { course: courseTitle }), course: { slug: course.slug, title: courseTitle }, form: quizForm(course, layout, token, locale, t) }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	const course = findPretestCourse(params.course)
	const refuse = (key: string) => refusal(request, key)
	const form = await request.formData().catch(() => null)
	if (!form) throw await refuse('errors.badForm')
	const fields: [string, string][] = []
	for (const [name, value] of form) {
		if (typeof value !== 'string' || fields.length >= MAX_FIELDS) throw await refuse('quiz.invalidAnswer')
		fields.push([name, value])
	}
	const tokenValue = form.getAll('token')
	const token = tokenValue.length === 1 ? readAttemptToken(tokenValue[0]) : null
	if (!token || token.purpose !== 'pretest' || token.course !== course.slug || !isLayoutOf(course.quiz, token.layout)) throw await refuse('quiz.expired')
	if (token.version !== course.meta.version) throw await refuse('quiz.changed')
	const parsed = parseAnswers(course.quiz, token.layout, fields)
	if (!parsed.ok && parsed.kind === 'invalid') throw await refuse('quiz.invalidAnswer')
	const { learnerId, setCookie } = await requireLearnerForWrite(request)
	await limitWrite(request, context, writeRules.quizSubmission, learnerId)
	if ((await attemptHistory(learnerId, course)).length > 0) throw await refuse('assessment.pretest.tooLate')
	await recordPretest({ learnerId, course, nonce: token.nonce, seed: token.seed, layout: token.layout, grade: grade(course.quiz, token.layout, parsed.answers) })
	return redirect(`/courses/${course.slug}`, setCookie ? { headers: { 'Set-Cookie': setCookie } } : undefined)
}

export const handle = needsBundles('assessment')

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageMeta({ data, matches, error })

export default function Pretest() {
	const page = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const coursePath = `/courses/${page.course.slug}`
	return (
		<article className="quiz" lang={page.form.locale}>
			<p className="breadcrumb">
				<a href={coursePath}>{page.course.title}</a>
			</p>
			<h1>{t('assessment.pretest.heading')}</h1>
			<p>{t('assessment.pretest.intro', { count: page.form.questions.length })}</p>
			<Form method="post" noValidate>
				<input type="hidden" name="token" value={page.form.token} />
				{page.form.questions.map((question, index) => (
					<fieldset key={question.id} id={`question-${question.id}`} className="question">
						<legend>
							<span className="question__number">{t('quiz.questionNumber', { number: index + 1, total: page.form.questions.length })}</span>
							{question.situation ? <span className="question__situation">{question.situation}</span> : null}
							<span className="question__prompt">{question.prompt}</span>
						</legend>
						<p className="question__hint">{question.multiple ? t('quiz.chooseAll') : t('quiz.chooseOne')}</p>
						{question.options.map((option) => (
							<label key={option.id} className="choice">
								<input type={question.multiple ? 'checkbox' : 'radio'} name={`q-${question.id}`} value={option.id} />
								<span>{option.text}</span>
							</label>
						))}
					</fieldset>
				))}
				<button type="submit" className="button">
					{t('assessment.pretest.submit')}
				</button>
			</Form>
			<p>
				<a href={coursePath}>{t('assessment.pretest.skip')}</a>
			</p>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
