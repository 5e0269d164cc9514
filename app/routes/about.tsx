// A short page about the project. It reads nothing from the database, which also makes it the
// benchmark's floor: the cost of the root layout alone (docs/decisions/012-benchmark.md).
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { needsBundles } from '~/config/string-bundles.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const t = await i18nServer.getFixedT(await getLocale(request))
	return { title: t('about.title') }
}

export const handle = needsBundles('info')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function About() {
	const { t } = useTranslation()
	return (
		<article>
			<h1>{t('about.title')}</h1>
			<p className="lead">{t('about.intro')}</p>
			<p>
				<a href="/courses">{t('about.start')}</a>
			</p>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
