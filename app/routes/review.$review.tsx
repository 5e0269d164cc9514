// /review/:review: a handed-in review, graded, with the right answers and why. Only the learner
// who did it sees it; to anyone else it does not exist.
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getLearner, getLearnerId } from '~/auth/learner.server.ts'
import { AnswerList } from '~/components/quiz/answer-list.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { needsBundles } from '~/config/string-bundles.ts'
import { findCourse, getCatalog } from '~/courses/catalog.server.ts'
import { attemptHistory } from '~/models/assessment.server.ts'
import { dueCards, getReview } from '~/models/review.server.ts'
import { quizResult } from '~/quiz/present.server.ts'
import { keyRevealed } from '~/quiz/retake.ts'
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
	// A review shows the key under the quiz's own rule (decision 008): reviews between failed
	// attempts must not hand out the answers a retake is graded on.
	const history = await attemptHistory(await getLearnerId(request), course)
	const revealKey = keyRevealed(course.meta.retake, { passedCourse: history.some((entry) => entry.passed), failuresSoFar: history.filter((entry) => !entry.passed).length })
	return {
		title: t('review.resultTitle'),
		right: review.right,
		total: review.answered,
		moreDue: (await dueCards(learner, slugs, new Date())).length > 0,
		revealKey,
		questions: quizResult(course, review, locale, t, revealKey),
	}
}

export const handle = needsBundles('learning', 'assessment')

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
			{!result.revealKey ? <p className="notice notice--quiet">{t('assessment.result.keyLater')}</p> : null}
			<AnswerList questions={result.questions} />
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
