import { useTranslation } from 'react-i18next'
import { CENTRE_REGIONS, CRISIS_CENTRES } from '~/config/crisis-centres.ts'
import { isLocale } from '~/config/i18n.ts'

/** The crisis centres of app/config/crisis-centres.ts, grouped by region. */
export function CrisisCentres() {
	const { t, i18n } = useTranslation()
	const locale = isLocale(i18n.language) ? i18n.language : 'kk'
	return (
		<div className="crisis-centres">
			{CENTRE_REGIONS.map((region) => {
				const centres = CRISIS_CENTRES.filter((centre) => centre.region === region)
				if (centres.length === 0) return null
				return (
					<section key={region} aria-labelledby={`region-${region}`}>
						<h3 id={`region-${region}`}>{t(`crisisCentres.regions.${region}`)}</h3>
						<ul className="centre-list">
							{centres.map((centre) => (
								<li key={centre.id} className="centre">
									<p className="centre__name">
										<strong>{centre.name[locale]}</strong>
										{centre.cities.length > 0 ? `, ${centre.cities.map((city) => city[locale]).join(', ')}` : null}
									</p>
									{centre.offers.map((offer) => (
										<p key={offer}>{t(`crisisCentres.offers.${offer}`)}</p>
									))}
									<p>
										{centre.contact.phone ? (
											<a className="helpline-number" href={`tel:${centre.contact.phone}`}>
												{centre.contact.phone}
											</a>
										) : (
											t('crisisCentres.contactVia111')
										)}
									</p>
								</li>
							))}
						</ul>
					</section>
				)
			})}
		</div>
	)
}
