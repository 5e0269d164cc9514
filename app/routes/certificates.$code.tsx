import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { certificateTexts } from '~/certificates/present.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { certificateState } from '~/certificates/state.ts'
import { findCertificate, setShowFullName } from '~/models/certificate.server.ts'
import { requireUser } from '~/auth/guards.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { publicOrigin } from '~/utils/origin.server.ts'

/** The holder's own certificate; to anyone else it does not exist (they use /verify). */
async function requireOwnCertificate(request: Request, code: string | undefined) {
	const user = await requireUser(request)
	const certificate = code ? await findCertificate(code) : null
	if (!certificate || certificate.userId !== user.id) throw data(null, { status: 404 })
	return certificate
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const certificate = await requireOwnCertificate(request, params.code)
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	return {
		title: t('certificate.title'),
		texts: certificateTexts(certificate, locale, t, publicOrigin(request)),
		state: certificateState(certificate),
		showFullName: certificate.showFullName,
		revokeReason: certificate.revokeReason,
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const certificate = await requireOwnCertificate(request, params.code)
	const form = await request.formData().catch(() => null)
	const show = form?.get('showFullName')
	if (show !== 'yes' && show !== 'no') {
		const t = await i18nServer.getFixedT(await getLocale(request))
		throw data({ error: t('errors.badForm') }, { status: 400 })
	}
	await setShowFullName(certificate.code, certificate.userId!, show === 'yes')
	return redirect(`/certificates/${certificate.code}`)
}

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function CertificatePage() {
	const { texts, state, showFullName, revokeReason } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<article className="certificate-page">
			{state !== 'valid' ? (
				<p className="notice" role="status">
					{state === 'expired' ? t('verify.expired') : `${t('verify.revoked')}${revokeReason ? ` ${revokeReason}` : ''}`}
				</p>
			) : null}
			<section className="certificate" aria-labelledby="certificate-title">
				<p className="certificate__brand">Qorgau</p>
				<h1 id="certificate-title">{texts.title}</h1>
				<p>{texts.intro}</p>
				<p className="certificate__name">{texts.holderName}</p>
				<p>{texts.completed}</p>
				<p className="certificate__course">{texts.courseTitle}</p>
				<p>{texts.issued}</p>
				{texts.expires ? <p>{texts.expires}</p> : null}
				<p className="certificate__code">
					{texts.codeLabel}: <strong>{texts.code}</strong>
				</p>
				<p className="small">{texts.verifyText}</p>
			</section>
			<div className="certificate-actions">
				<p>
					<a className="button" href={`/certificates/${texts.code}.pdf`} download={`certificate-${texts.code}.pdf`}>
						{t('certificate.download')}
					</a>
				</p>
				<p>
					<a href={`/verify/${texts.code}`}>{t('certificate.verifyLink')}</a>
				</p>
				<h2>{t('certificate.privacyTitle')}</h2>
				<p>{showFullName ? t('certificate.showsFullName') : t('certificate.showsInitials')}</p>
				<Form method="post">
					<button type="submit" name="showFullName" value={showFullName ? 'no' : 'yes'} className="button button--secondary">
						{showFullName ? t('certificate.useInitials') : t('certificate.useFullName')}
					</button>
				</Form>
			</div>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
