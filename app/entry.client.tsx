import { RemixBrowser } from '@remix-run/react'
import i18next, { type BackendModule } from 'i18next'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { getInitialNamespaces } from 'remix-i18next/client'
import { DEFAULT_NAMESPACE, isLocale, NAMESPACES, type Locale, type Namespace } from '~/config/i18n.ts'

// Each locale's strings are their own small chunk: the page's locale loads before hydration,
// another only if the language changes without a reload (signing in as someone who reads Kazakh).
// Namespaces other than `common` load only on the pages whose `handle.i18n` names them.
type Strings = () => Promise<{ default: Record<string, unknown> }>
const strings: Record<Locale, Record<Namespace, Strings>> = {
	kk: { common: () => import('~/locales/kk/common.json'), pupils: () => import('~/locales/kk/pupils.json') },
	ru: { common: () => import('~/locales/ru/common.json'), pupils: () => import('~/locales/ru/pupils.json') },
	en: { common: () => import('~/locales/en/common.json'), pupils: () => import('~/locales/en/pupils.json') },
}
const isNamespace = (value: string): value is Namespace => (NAMESPACES as readonly string[]).includes(value)

const chunkBackend: BackendModule = {
	type: 'backend',
	init() {},
	read(language, namespace, callback) {
		if (!isLocale(language) || !isNamespace(namespace)) return callback(new Error(`Unknown strings ${language}/${namespace}`), null)
		strings[language][namespace]().then(
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
			ns: [DEFAULT_NAMESPACE, ...getInitialNamespaces()],
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
