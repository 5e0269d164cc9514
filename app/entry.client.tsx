import { RemixBrowser } from '@remix-run/react'
import i18next from 'i18next'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { DEFAULT_NAMESPACE, isLocale } from '~/config/i18n.ts'

// The server rendered the page in <html lang>; load just that locale's strings (a small chunk).
// Switching language reloads the document, so one locale per page load is enough.
const locale = isLocale(document.documentElement.lang) ? document.documentElement.lang : 'kk'
const strings = {
	kk: () => import('~/locales/kk/common.json'),
	ru: () => import('~/locales/ru/common.json'),
	en: () => import('~/locales/en/common.json'),
}

async function hydrate() {
	const common = (await strings[locale]()).default
	await i18next.use(initReactI18next).init({
		lng: locale,
		defaultNS: DEFAULT_NAMESPACE,
		resources: { [locale]: { common } },
		interpolation: { escapeValue: false },
	})
	startTransition(() => {
		hydrateRoot(
			document,
			<I18nextProvider i18n={i18next}>
				<StrictMode>
					<RemixBrowser />
				</StrictMode>
			</I18nextProvider>,
		)
	})
}

void hydrate()
