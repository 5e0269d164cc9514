// Every unknown path: a translated "not found" page with status 404.
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { ErrorPage, GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const t = await i18nServer.getFixedT(await getLocale(request))
	return data({ title: t('errors.notFound.title') }, { status: 404 })
}

// Actions on unknown paths (a form posted to a wrong address) are not found either.
export async function action({ request }: LoaderFunctionArgs) {
	return loader({ request, params: {}, context: {} })
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageMeta({ data, matches, error })

export default function NotFound() {
	return <ErrorPage status={404} />
}

export const ErrorBoundary = GeneralErrorBoundary
