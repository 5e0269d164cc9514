import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { HELPLINES, helpline, type HelplineId } from '~/config/helplines.ts'

/** One number as a tap-to-call link. */
export function HelplineNumber({ id }: { id: HelplineId }) {
	const { number } = helpline(id)
	return (
		<a className="helpline-number" href={`tel:${number}`}>
			{number}
		</a>
	)
}

/**
 * The numbers to call, from the one helpline configuration. The footer's copy is named apart
 * from a page's own card, so the two landmarks read differently to a screen reader.
 */
export function HelplineCard({ all = false, inFooter = false }: { all?: boolean; inFooter?: boolean }) {
	const { t } = useTranslation()
	const titleId = useId()
	const shown = HELPLINES.filter((entry) => all || entry.primary)
	return (
		<aside className="helpline-card" {...(inFooter ? { 'aria-label': t('helplines.footerLabel') } : { 'aria-labelledby': titleId })}>
			<h2 id={titleId} className="helpline-card__title">
				{t('helplines.cardTitle')}
			</h2>
			<ul>
				{shown.map((entry) => (
					<li key={entry.id}>
						<HelplineNumber id={entry.id} /> <strong>{t(`helplines.${entry.id}.name`)}</strong>
						<span className="helpline-card__detail">{t(`helplines.${entry.id}.detail`)}</span>
					</li>
				))}
			</ul>
			<p>
				<a href="/help">{t('helplines.more')}</a>
			</p>
		</aside>
	)
}
