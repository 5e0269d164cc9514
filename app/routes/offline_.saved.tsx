// /offline/saved: where the service worker sends someone who completed a lesson or answered a
// quiz without a connection. Their answer waits on the phone and is checked on the server once
// the phone is online; public/offline.js then links to the result, or says that the server
// refused it (a kept quiz out of date, a quiz resting) and links to where to answer again (decision 018).
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { needsBundles } from '~/config/string-bundles.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const t = await i18nServer.getFixedT(await getLocale(request))
	return { title: t('offline.savedTitle') }
}

export const handle = { ...needsBundles('learning'), offlineCopy: true }

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function OfflineSaved() {
	const { t } = useTranslation()
	return (
		<article className="offline">
			<h1>{t('offline.savedHeading')}</h1>
			<p>{t('offline.savedText')}</p>
			<p data-offline-checked={t('offline.checked')} role="status"></p>
			{/* Filled by public/offline.js when the server refused an answer sent from the queue. */}
			<p data-offline-refused={t('offline.refused')} role="alert" className="notice" hidden></p>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
