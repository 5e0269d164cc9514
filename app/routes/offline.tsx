// /offline: what the service worker shows for a page it does not keep, when there is no
// connection (public/sw.js keeps this page in the reader's language; decision 018).
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { needsBundles } from '~/config/string-bundles.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const t = await i18nServer.getFixedT(await getLocale(request))
	return { title: t('offline.title') }
}

export const handle = { ...needsBundles('learning'), offlineCopy: true }

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Offline() {
	const { t } = useTranslation()
	return (
		<article className="offline">
			<h1>{t('offline.heading')}</h1>
			<p>{t('offline.notSaved')}</p>
			<p>
				<a href="/help">{t('nav.help')}</a>
			</p>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
