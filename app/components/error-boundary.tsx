import { isRouteErrorResponse, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

type ErrorKey = 'notFound' | 'forbidden' | 'badRequest' | 'unexpected'

function errorKey(status: number | undefined): ErrorKey {
	if (status === 404) return 'notFound'
	if (status === 403) return 'forbidden'
	if (status !== undefined && status >= 400 && status < 500) return 'badRequest'
	return 'unexpected'
}

/** A translated page for an error status (with the server's translated reason, if it gave one). */
export function ErrorPage({ status, reason }: { status?: number; reason?: string }) {
	const { t } = useTranslation()
	const key = errorKey(status)
	return (
		<section className="error-page" aria-labelledby="error-title">
			<h1 id="error-title">{t(`errors.${key}.title`)}</h1>
			<p>{reason ?? t(`errors.${key}.body`)}</p>
			<p>
				<a href="/">{t('errors.backHome')}</a>
			</p>
		</section>
	)
}

/** The one error boundary every route uses. */
export function GeneralErrorBoundary() {
	const error = useRouteError()
	if (!isRouteErrorResponse(error)) {
		console.error(error)
		return <ErrorPage />
	}
	// Actions throw data({ error }) with a message already translated on the server.
	const reason = typeof error.data?.error === 'string' ? error.data.error : undefined
	return <ErrorPage status={error.status} reason={reason} />
}
