import { useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LOCALE_NAMES, type Locale } from '~/config/i18n.ts'

/** After signing in in a language other than the account's: keep it for the account too? A plain form. */
export function LanguageOffer({ locale }: { locale: Locale | null | undefined }) {
	const { t } = useTranslation()
	const location = useLocation()
	if (!locale) return null
	return (
		<form method="post" action="/account/language" className="notice language-offer">
			<input type="hidden" name="locale" value={locale} />
			<input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
			<p>{t('languageOffer.text', { language: LOCALE_NAMES[locale] })}</p>
			<button type="submit" className="button button--secondary">
				{t('languageOffer.save')}
			</button>
		</form>
	)
}
