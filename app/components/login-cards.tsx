import { useTranslation } from 'react-i18next'
import { PrintButton } from '~/components/print-button.tsx'

/** `qr` is an SVG made on the server from our own sign-in address: nothing user-supplied in it. */
type CardSheet = { orgName: string; orgCode: string; signInUrl: string; qr: string }
export type Card = { name: string; username: string; pin: string }

/** A printable sheet of login cards (the print stylesheet puts eight on an A4 page). */
export function LoginCards({ sheet, cards, backHref, backLabel, notice }: { sheet: CardSheet; cards: Card[]; backHref: string; backLabel?: string; notice?: string | null }) {
	const { t } = useTranslation()
	return (
		<article className="wide login-cards-page">
			<h1>{t('pupils.cardsTitle')}</h1>
			<div className="login-cards-notes">
				<p className="notice" role="status">
					{t('pupils.cardsOnce')}
				</p>
				{notice ? <p className="notice">{notice}</p> : null}
				<p>{t('pupils.cardsPrint')}</p>
				<PrintButton label={t('printCards.button')} />
				<p>
					<a href={backHref}>{backLabel ?? t('pupils.back')}</a>
				</p>
			</div>
			<ul className="login-cards" aria-label={t('pupils.cardsTitle')}>
				{cards.map((card) => (
					<li key={card.username} className="login-card">
						<p className="login-card__name">{card.name}</p>
						<dl>
							<dt>{t('pupils.orgCode')}</dt>
							<dd>
								<code>{sheet.orgCode}</code>
							</dd>
							<dt>{t('pupils.username')}</dt>
							<dd>
								<code>{card.username}</code>
							</dd>
							<dt>{t('pupils.pin')}</dt>
							<dd>
								<code>{card.pin}</code>
							</dd>
						</dl>
						<div className="login-card__qr" role="img" aria-label={t('pupils.qr', { url: sheet.signInUrl })} dangerouslySetInnerHTML={{ __html: sheet.qr }} />
						<p className="login-card__url">
							{t('pupils.signInAt')}: {sheet.signInUrl}
						</p>
						<p className="login-card__org">{sheet.orgName}</p>
					</li>
				))}
			</ul>
		</article>
	)
}
