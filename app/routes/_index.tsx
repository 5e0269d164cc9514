import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { i18nServer, getLocale } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const t = await i18nServer.getFixedT(await getLocale(request))
	return { title: t('home.title') }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) =>
	// The home page's title already names the product.
	error ? pageMeta({ matches, error }) : [{ title: data?.title }]

export default function Home() {
	const { t } = useTranslation()
	return (
		<article className="home">
			<h1>{t('home.heading')}</h1>
			<p className="lead">{t('home.intro')}</p>
			<h2>{t('home.forWhom')}</h2>
			<ul>
				<li>{t('home.alone')}</li>
				<li>{t('home.schools')}</li>
				<li>{t('home.workplaces')}</li>
			</ul>
			<p>{t('home.languages')}</p>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
