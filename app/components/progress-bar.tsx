import { useTranslation } from 'react-i18next'

export function ProgressBar({ done, total }: { done: number; total: number }) {
	const { t } = useTranslation()
	const label = t('course.progress', { done, total })
	return (
		<div className="progress">
			<progress className="progress__bar" value={done} max={total} aria-label={label} />
			<span className="progress__label">{label}</span>
		</div>
	)
}
