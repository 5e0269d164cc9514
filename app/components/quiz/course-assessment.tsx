// On the course page: the pre-test on offer or its result, and the way to the certificate once
// the quiz is passed (decision 008).
import { useTranslation } from 'react-i18next'

type Props = {
	slug: string
	signedIn: boolean
	passed: boolean
	certificateCode: string | null
	pretestOffered: boolean
	pretest: { score: number; maxScore: number } | null
}

export function CourseAssessment({ slug, signedIn, passed, certificateCode, pretestOffered, pretest }: Props) {
	const { t } = useTranslation()
	const claim = new URLSearchParams({ redirectTo: `/courses/${slug}/certificate` }).toString()
	return (
		<>
			{certificateCode ? (
				<p className="notice notice--success">
					{t('assessment.course.certified')}{' '}
					<a href={`/certificates/${certificateCode}`}>{t('certificate.view')}</a>
				</p>
			) : passed ? (
				<p className="notice notice--success">
					{t('assessment.course.passed')}{' '}
					{signedIn ? (
						<a href={`/courses/${slug}/certificate`}>{t('assessment.account.getIt')}</a>
					) : (
						<>
							{t('certificate.signInFirst')} <a href={`/signup?${claim}`}>{t('signup.title')}</a> · <a href={`/login?${claim}`}>{t('login.title')}</a>
						</>
					)}
				</p>
			) : null}
			{pretestOffered ? (
				<section className="callout" aria-labelledby="pretest-offer">
					<h2 id="pretest-offer">{t('assessment.pretest.offerTitle')}</h2>
					<p>{t('assessment.pretest.offer')}</p>
					<p>
						<a className="button button--secondary" href={`/courses/${slug}/pretest`}>
							{t('assessment.pretest.take')}
						</a>
					</p>
				</section>
			) : pretest ? (
				<p className="notice notice--quiet">{t('assessment.pretest.yourResult', { score: pretest.score, max: pretest.maxScore })}</p>
			) : null}
		</>
	)
}
