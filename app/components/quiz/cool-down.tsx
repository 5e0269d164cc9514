// The quiz resting after failed attempts (course.yaml `retake`), said plainly: when it opens
// again, and that the lessons stay open meanwhile.
import { useTranslation } from 'react-i18next'

export function CoolDown({ coursePath, courseTitle, failures, hours, time }: { coursePath: string; courseTitle: string; failures: number; hours: number; time: string }) {
	const { t } = useTranslation()
	return (
		<article className="quiz">
			<p className="breadcrumb">
				<a href={coursePath}>{courseTitle}</a>
			</p>
			<h1>{t('assessment.coolDown.title')}</h1>
			<p>{t('assessment.coolDown.why', { count: failures })}</p>
			<p className="notice">{t('assessment.coolDown.when', { count: hours, time })}</p>
			<p>{t('assessment.coolDown.meanwhile')}</p>
			<p>
				<a className="button" href={coursePath}>
					{t('assessment.coolDown.toLessons')}
				</a>
			</p>
		</article>
	)
}
