import { RemixBrowser } from '@remix-run/react'
import i18next, { type BackendModule } from 'i18next'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { DEFAULT_NAMESPACE, isLocale } from '~/config/i18n.ts'
import { EXTRA_BUNDLES } from '~/config/string-bundles.ts'
import { loadStrings } from '~/locales/load-strings.ts'

// Each locale's strings are their own small chunks: the page's locale (and the bundles its routes
// declare, listed on <html data-bundles>) load before hydration, another language only if it
// changes without a reload (signing in as someone who reads Kazakh).
const bundlesOnPage = () =>
	EXTRA_BUNDLES.filter((bundle) => (document.documentElement.dataset.bundles ?? '').split(' ').includes(bundle))

const chunkBackend: BackendModule = {
	type: 'backend',
	init() {},
	read(language, _namespace, callback) {
		if (!isLocale(language)) return callback(new Error(`Unknown locale ${language}`), null)
		loadStrings(language, bundlesOnPage()).then(
			(strings) => callback(null, strings),
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
			// 'added': a bundle fetched after a client-side navigation re-renders what uses it.
			react: { useSuspense: false, bindI18nStore: 'added' },
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
