import { useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LOCALES, LOCALE_NAMES, type Locale } from '~/config/i18n.ts'
import { localeHref } from '~/utils/locale-links.ts'

// Plain links, so switching works without JavaScript; the document reloads in the new language.
export function LanguageSwitcher({ current }: { current: Locale }) {
	const { t } = useTranslation()
	const location = useLocation()
	const url = new URL(`${location.pathname}${location.search}`, 'http://localhost')
	return (
		<nav aria-label={t('languageSwitcher')} className="language-switcher">
			<ul>
				{LOCALES.map((locale) => (
					<li key={locale}>
						<a
							href={localeHref(url, locale)}
							hrefLang={locale}
							lang={locale}
							aria-current={locale === current ? 'true' : undefined}
						>
							{LOCALE_NAMES[locale]}
						</a>
					</li>
				))}
			</ul>
		</nav>
	)
}
