import { RemixBrowser } from '@remix-run/react'
import i18next, { type BackendModule } from 'i18next'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { DEFAULT_NAMESPACE, isLocale } from '~/config/i18n.ts'

// Each locale's strings are their own small chunk per namespace: the page's locale loads before
// hydration, another only if the language changes without a reload (signing in as someone who
// reads Kazakh). Namespaces other than `common` load only on pages whose `handle.i18n` names them.
const strings = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json')

const chunkBackend: BackendModule = {
	type: 'backend',
	init() {},
	read(language, namespace, callback) {
		const load = strings[`./locales/${language}/${namespace}.json`]
		if (!load) return callback(new Error(namespace), null)
		load().then(
			(module) => callback(null, module.default),
			(error: Error) => callback(error, null),
		)
	},
}

declare global {
	interface Window {
		__remixRouteModules: Record<string, { handle?: { i18n?: string[] } } | undefined>
	}
}

const locale = isLocale(document.documentElement.lang) ? document.documentElement.lang : 'kk'

async function hydrate() {
	await i18next
		.use(chunkBackend)
		.use(initReactI18next)
		.init({
			lng: locale,
			// `common` and the namespaces the page's routes name in `handle.i18n`, loaded before hydrating.
			ns: [DEFAULT_NAMESPACE, ...Object.values(window.__remixRouteModules).flatMap((module) => module?.handle?.i18n ?? [])],
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
