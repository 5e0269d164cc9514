// /review/:review: a handed-in review, graded, with the right answers and why. Only the learner
// who did it sees it; to anyone else it does not exist.
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getLearner } from '~/auth/learner.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { needsBundles } from '~/config/string-bundles.ts'
import { findCourse, getCatalog } from '~/courses/catalog.server.ts'
import { dueCards, getReview } from '~/models/review.server.ts'
import { quizResult } from '~/quiz/present.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const learner = await getLearner(request)
	const review = params.review ? await getReview(params.review, learner) : null
	const course = review ? findCourse(review.courseSlug) : undefined
	if (!review || !course?.quiz) throw data(null, { status: 404 })
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const slugs = getCatalog().courses.map((candidate) => candidate.slug)
	return {
		title: t('review.resultTitle'),
		right: review.right,
		total: review.answered,
		moreDue: (await dueCards(learner, slugs, new Date())).length > 0,
		questions: quizResult(course, review, locale, t),
	}
}

export const handle = needsBundles('learning')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function ReviewResult() {
	const result = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<article className="quiz-result review-result">
			<h1>{t('review.resultTitle')}</h1>
			<p className="quiz-result__score">{t('review.resultScore', { right: result.right, total: result.total })}</p>
			<p>{t('review.comesBack')}</p>
			<p>
				{result.moreDue ? (
					<a className="button" href="/review">
						{t('review.next')}
					</a>
				) : (
					<>
						{t('review.allDone')}{' '}
						<a href="/">{t('nav.home')}</a>
					</>
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
									<span>{option.text}</span> {option.chosen ? <strong className="option__tag">{t('quiz.yourAnswer')}</strong> : null}{' '}
									{option.correct ? <strong className="option__tag">{t('quiz.correctAnswer')}</strong> : null}
									{option.feedback && (option.chosen || option.correct) ? <p className="option__feedback">{option.feedback}</p> : null}
								</li>
							))}
						</ul>
						<p>
							<strong>{t('quiz.why')}</strong> {question.explanation}
						</p>
					</li>
				))}
			</ol>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
