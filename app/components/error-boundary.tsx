import { isRouteErrorResponse, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

type ErrorKey = 'errors.notFound' | 'errors.forbidden' | 'errors.badRequest' | 'errors.unexpected' | 'security.tooMany'

function errorKey(status: number | undefined): ErrorKey {
	if (status === 404) return 'errors.notFound'
	if (status === 403) return 'errors.forbidden'
	if (status === 429) return 'security.tooMany'
	if (status !== undefined && status >= 400 && status < 500) return 'errors.badRequest'
	return 'errors.unexpected'
}

/** A translated page for an error status (with the server's translated reason, if it gave one). */
export function ErrorPage({ status, reason }: { status?: number; reason?: string }) {
	const { t } = useTranslation()
	const key = errorKey(status)
	return (
		<section className="error-page" aria-labelledby="error-title">
			<h1 id="error-title">{t(`${key}.title`)}</h1>
			<p>{reason ?? t(`${key}.body`)}</p>
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
