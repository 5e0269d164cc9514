import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/**
 * On the holder's certificate page: exactly what a verifier sees of their name — the full name or
 * initials only — and the button that changes it (issue 21).
 */
export function NameVisibility({ showFullName, publicName }: { showFullName: boolean; publicName: string }) {
	const { t } = useTranslation()
	return (
		<section className="name-visibility notice" aria-labelledby="name-visibility-title">
			<h2 id="name-visibility-title">{t('certificate.privacyTitle')}</h2>
			<p>
				{t('certificate.verifiersSee')} <strong className="name-visibility__name">{publicName}</strong>
			</p>
			<p>{showFullName ? t('certificate.showsFullName') : t('certificate.showsInitials')}</p>
			<Form method="post">
				<button type="submit" name="showFullName" value={showFullName ? 'no' : 'yes'} className="button button--secondary">
					{showFullName ? t('certificate.useInitials') : t('certificate.useFullName')}
				</button>
			</Form>
		</section>
	)
}
