import { useTranslation } from 'react-i18next'

export type CardSheet = { orgName: string; orgCode: string; signInUrl: string; qr: { size: number; path: string } }
export type Card = { name: string; username: string; pin: string }

/** A printable sheet of login cards (the print stylesheet puts eight on an A4 page). */
export function LoginCards({ sheet, cards, backHref }: { sheet: CardSheet; cards: Card[]; backHref: string }) {
	const { t } = useTranslation()
	return (
		<article className="wide login-cards-page">
			<h1>{t('pupils.cardsTitle')}</h1>
			<div className="login-cards-notes">
				<p className="notice" role="status">
					{t('pupils.cardsOnce')}
				</p>
				<p>{t('pupils.cardsPrint')}</p>
				<p>
					<a href={backHref}>{t('pupils.back')}</a>
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
						<svg className="login-card__qr" viewBox={`0 0 ${sheet.qr.size} ${sheet.qr.size}`} role="img" aria-label={t('pupils.qr', { url: sheet.signInUrl })} shapeRendering="crispEdges">
							<rect width={sheet.qr.size} height={sheet.qr.size} fill="#fff" />
							<path d={sheet.qr.path} fill="#000" />
						</svg>
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
