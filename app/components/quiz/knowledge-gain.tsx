// On the group dashboard: share right before (pre-test) and after (first quiz attempt), for the
// learners who took both; hidden below the organisation's minimum group size (decision 015).
import { useTranslation } from 'react-i18next'

type Gain = { shown: true; learners: number; beforePercent: number; afterPercent: number } | { shown: false; minimum: number }

export function KnowledgeGain({ gain }: { gain: Gain }) {
	const { t } = useTranslation()
	return (
		<div className="knowledge-gain">
			<h3>{t('assessment.gain.title')}</h3>
			{gain.shown ? (
				<>
					<p className="small">{t('assessment.gain.intro')}</p>
					<dl className="knowledge-gain__figures">
						<dt>{t('assessment.gain.before')}</dt>
						<dd>{gain.beforePercent} %</dd>
						<dt>{t('assessment.gain.after')}</dt>
						<dd>{gain.afterPercent} %</dd>
					</dl>
					<p className="small">{t('assessment.gain.learners', { count: gain.learners })}</p>
				</>
			) : (
				<p className="small">{t('assessment.gain.tooFew', { count: gain.minimum })}</p>
			)}
		</div>
	)
}
