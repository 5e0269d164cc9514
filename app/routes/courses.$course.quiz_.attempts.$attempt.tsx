import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { findCourse } from '~/courses/catalog.server.ts'
import { pickLocale } from '~/courses/present.server.ts'
import { getLearnerId } from '~/models/learner.server.ts'
import { getAttempt, getBestAttempt } from '~/models/quiz.server.ts'
import { quizResult } from '~/quiz/present.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const course = findCourse(params.course)
	const learnerId = await getLearnerId(request)
	// Someone else's attempt is "not found": its existence is nobody else's business.
	const attempt = course?.quiz && params.attempt ? await getAttempt(params.attempt, learnerId) : null
	if (!course?.quiz || !attempt || attempt.courseSlug !== course.slug) throw data(null, { status: 404 })
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const best = await getBestAttempt(learnerId, course.slug)
	return {
		title: t('quiz.resultTitle'),
		course: { slug: course.slug, title: course.meta.title[pickLocale(course.locales, locale)]! },
		score: attempt.score ?? 0,
		maxScore: attempt.maxScore ?? 0,
		percent: attempt.maxScore ? Math.round(((attempt.score ?? 0) / attempt.maxScore) * 100) : 0,
		passed: attempt.passed ?? false,
		passMark: course.quiz.passMark,
		bestPassed: best?.passed ?? false,
		questions: quizResult(course, attempt, locale, t),
	}
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageMeta({ data, matches, error })

export default function QuizResult() {
	const result = useLoaderData<typeof loader>()
	const { t } = useTranslation()
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
			<p>
				{result.passed ? (
					<a className="button" href={coursePath}>
						{t('lesson.backToCourse')}
					</a>
				) : (
					<a className="button" href={`${coursePath}/quiz`}>
						{t('quiz.tryAgain')}
					</a>
				)}
			</p>
			<ol className="answers">
				{result.questions.map((question) => (
					<li key={question.id} className={question.right ? 'answer answer--right' : 'answer answer--wrong'}>
						{question.situation ? <p>{question.situation}</p> : null}
						<h2 className="answer__prompt">{question.prompt}</h2>
						<p className="answer__verdict">{question.right ? t('quiz.right') : t('quiz.wrong')}</p>
						<ul className="answer__options">
							{question.options.map((option) => (
								<li key={option.id} className={option.correct ? 'option option--correct' : 'option'}>
									<span>{option.text}</span>{' '}
									{option.chosen ? <strong className="option__tag">{t('quiz.yourAnswer')}</strong> : null}{' '}
									{option.correct ? <strong className="option__tag">{t('quiz.correctAnswer')}</strong> : null}
									{option.feedback && (option.chosen || option.correct) ? <p className="option__feedback">{option.feedback}</p> : null}
								</li>
							))}
						</ul>
						<p>
							<strong>{t('quiz.why')}</strong> {question.explanation}
						</p>
						{question.source ? (
							<p className="small">
								{t('quiz.source')}: {question.source.url ? <a href={question.source.url}>{question.source.title}</a> : question.source.title}
							</p>
						) : null}
					</li>
				))}
			</ol>
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

export const ErrorBoundary = GeneralErrorBoundary
