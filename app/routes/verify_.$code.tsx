import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { courseTitleFor } from '~/certificates/present.server.ts'
import { VerifyCodeForm } from '~/components/verify-code-form.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { findCertificate, verificationOf } from '~/models/certificate.server.ts'
import { refusal } from '~/utils/forms.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { clientIp, hit, rules } from '~/utils/rate-limit.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	if (!(await hit(rules.verifyByIp, clientIp(context))).allowed) throw await refusal(request, 'auth.tooMany', { status: 429 })
	// Unknown and malformed codes get the same 404: no hint that a similar code exists.
	const certificate = params.code ? await findCertificate(params.code) : null
	// A page of its own (404), with the form to try again: a mistyped code is the usual reason.
	if (!certificate) return data({ title: t('verify.notFoundTitle'), found: false as const, typed: (params.code ?? '').slice(0, 40) }, { status: 404 })
	const result = verificationOf(certificate)
	return { title: t('verify.title'), found: true as const, ...result, course: courseTitleFor(result.courseSlug, locale) }
}

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function VerifyCode() {
	const result = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	if (!result.found) {
		return (
			<article>
				<h1>{t('verify.notFoundTitle')}</h1>
				<p className="verdict verdict--not-found" role="status">
					{t('verify.notFound')}
				</p>
				<VerifyCodeForm defaultValue={result.typed} />
			</article>
		)
	}
	return (
		<article>
			<h1>{t('verify.title')}</h1>
			<p className={`verdict verdict--${result.state}`} role="status">
				{t(`verify.state.${result.state}`)}
			</p>
			<dl className="facts">
				<dt>{t('verify.csvCode')}</dt>
				<dd>{result.code}</dd>
				<dt>{t('verify.csvHolder')}</dt>
				<dd>{result.holder}</dd>
				<dt>{t('verify.csvCourse')}</dt>
				<dd>{result.course}</dd>
				<dt>{t('verify.csvIssued')}</dt>
				<dd>{result.issuedAt}</dd>
				{result.expiresAt ? (
					<>
						<dt>{t('verify.csvExpires')}</dt>
						<dd>{result.expiresAt}</dd>
					</>
				) : null}
				{result.revokedAt ? (
					<>
						<dt>{t('verify.revokedOn')}</dt>
						<dd>{result.revokedAt}</dd>
					</>
				) : null}
			</dl>
			<p>
				<a href="/verify">{t('verify.another')}</a>
			</p>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
