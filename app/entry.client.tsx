import { RemixBrowser } from '@remix-run/react'
import i18next, { type BackendModule } from 'i18next'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { DEFAULT_NAMESPACE, isLocale, type Locale } from '~/config/i18n.ts'

// Each locale's strings are their own small chunk: the page's locale loads before hydration,
// another only if the language changes without a reload (signing in as someone who reads Kazakh).
const strings: Record<Locale, () => Promise<{ default: Record<string, unknown> }>> = {
	kk: () => import('~/locales/kk/common.json'),
	ru: () => import('~/locales/ru/common.json'),
	en: () => import('~/locales/en/common.json'),
}

const chunkBackend: BackendModule = {
	type: 'backend',
	init() {},
	read(language, _namespace, callback) {
		if (!isLocale(language)) return callback(new Error(`Unknown locale ${language}`), null)
		strings[language]().then(
			(module) => callback(null, module.default),
			(error: Error) => callback(error, null),
		)
	},
}

const locale = isLocale(document.documentElement.lang) ? document.documentElement.lang : 'kk'

async function hydrate() {
	await i18next
		.use(chunkBackend)
		.use(initReactI18next)
		.init({
			lng: locale,
			ns: [DEFAULT_NAMESPACE],
			defaultNS: DEFAULT_NAMESPACE,
			fallbackLng: false,
			interpolation: { escapeValue: false },
			react: { useSuspense: false },
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
