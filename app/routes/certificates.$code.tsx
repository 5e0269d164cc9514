import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { linkedInAddUrl } from '~/certificates/linkedin.ts'
import { ISSUER_NAME } from '~/certificates/open-badge.server.ts'
import { certificateTexts, formatDate } from '~/certificates/present.server.ts'
import { isInRenewalWindow } from '~/certificates/recertification.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { NameVisibility } from '~/components/name-visibility.tsx'
import { certificateState, publicName } from '~/certificates/state.ts'
import { needsBundles } from '~/config/string-bundles.ts'
import { findCertificate, setShowFullName } from '~/models/certificate.server.ts'
import { ensureCredentialRecord, findHolderDid, setHolderDid } from '~/models/credential.server.ts'
import { setCertificateShared, sharingChoices } from '~/models/org-certificates.server.ts'
import { requireUser } from '~/auth/guards.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { redirectWithFlash } from '~/utils/flash.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { publicOrigin } from '~/utils/origin.server.ts'

/** The holder's own certificate; to anyone else it does not exist (they use /verify). */
async function requireOwnCertificate(request: Request, code: string | undefined) {
	const user = await requireUser(request)
	const certificate = code ? await findCertificate(code) : null
	if (!certificate || certificate.userId !== user.id) throw data(null, { status: 404 })
	return { user, certificate }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { user, certificate } = await requireOwnCertificate(request, params.code)
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const texts = certificateTexts(certificate, locale, t, publicOrigin(request))
	return {
		title: t('certificate.title'),
		texts,
		state: certificateState(certificate),
		showFullName: certificate.showFullName,
		publicName: publicName(certificate),
		revokeReason: certificate.revokeReason,
		holderDid: await findHolderDid(certificate.id),
		sharing: await sharingChoices(certificate, user.id),
		renewBy: certificate.expiresAt && isInRenewalWindow(certificate) ? formatDate(certificate.expiresAt, locale) : null,
		quizPath: `/courses/${certificate.courseSlug}/quiz`,
		linkedIn: linkedInAddUrl({ name: texts.courseTitle, organizationName: ISSUER_NAME, issuedAt: certificate.issuedAt, expiresAt: certificate.expiresAt, certUrl: texts.verifyUrl, certId: certificate.code }),
	}
}

/** did:method:identifier (W3C DID syntax), bounded; empty clears it. */
const holderDidSchema = z.object({
	intent: z.literal('holderDid'),
	holderDid: z
		.string()
		.trim()
		.max(300)
		.regex(/^(did:[a-z0-9]+:[A-Za-z0-9._:%-]*[A-Za-z0-9._%-])?$/)
		.optional(),
})
const showFullNameSchema = z.object({ showFullName: z.enum(['yes', 'no']) })
/** Showing the certificate to an organisation the holder belongs to, or no longer (decision 015). */
const shareSchema = z.object({ intent: z.literal('share'), orgId: z.string().min(1).max(40), shared: z.enum(['yes', 'no']) })

export async function action({ request, params }: ActionFunctionArgs) {
	const { user, certificate } = await requireOwnCertificate(request, params.code)
	const form = Object.fromEntries((await request.formData().catch(() => new FormData())).entries())
	const t = await i18nServer.getFixedT(await getLocale(request))
	if (form.intent === 'holderDid') {
		const parsed = holderDidSchema.safeParse(form)
		if (!parsed.success) return data({ didError: t('credentials.didInvalid') }, { status: 400 })
		await ensureCredentialRecord(certificate.id, user)
		await setHolderDid(certificate.id, parsed.data.holderDid || null)
		return redirect(`/certificates/${certificate.code}`)
	}
	if (form.intent === 'share') {
		const parsed = shareSchema.safeParse(form)
		if (!parsed.success || !(await setCertificateShared(certificate, user.id, parsed.data.orgId, parsed.data.shared === 'yes'))) throw data({ error: t('errors.badForm') }, { status: 400 })
		return redirect(`/certificates/${certificate.code}`)
	}
	const parsed = showFullNameSchema.safeParse(form)
	if (!parsed.success) throw data({ error: t('errors.badForm') }, { status: 400 })
	await setShowFullName(certificate.code, certificate.userId!, parsed.data.showFullName === 'yes')
	return redirectWithFlash(`/certificates/${certificate.code}`, 'certificate.nameVisibilitySaved')
}

export const handle = needsBundles('credentials')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function CertificatePage() {
	const { texts, state, showFullName, publicName, revokeReason, holderDid, renewBy, quizPath, linkedIn, sharing } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const didError = result && 'didError' in result ? result.didError : null
	const { t } = useTranslation()
	return (
		<article className="certificate-page">
			{state !== 'valid' ? (
				<p className="notice" role="status">
					{state === 'expired' ? t('verify.expired') : `${t('verify.revoked')}${revokeReason ? ` ${revokeReason}` : ''}`}
				</p>
			) : null}
			{renewBy ? (
				<section className="notice" aria-labelledby="renew-title">
					<h2 id="renew-title">{t('credentials.renewTitle')}</h2>
					<p>{t('credentials.renewText', { date: renewBy })}</p>
					<p>
						<a className="button" href={quizPath}>
							{t('credentials.renewLink')}
						</a>
					</p>
				</section>
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
			<NameVisibility showFullName={showFullName} publicName={publicName} />
			<div className="certificate-actions">
				<p>
					<a className="button" href={`/certificates/${texts.code}.pdf`} download={`certificate-${texts.code}.pdf`}>
						{t('certificate.download')}
					</a>
				</p>
				{state !== 'revoked' ? (
					<>
						<p>
							<a className="button button--secondary" href={`/certificates/${texts.code}/credential`} download={`certificate-${texts.code}.json`}>
								{t('credentials.download')}
							</a>
						</p>
						<p className="small">{t('credentials.downloadHint')}</p>
						<p>
							<a href={linkedIn} rel="noopener noreferrer" target="_blank">
								{t('credentials.linkedIn')}
							</a>
						</p>
					</>
				) : null}
				<p>
					<a href={`/verify/${texts.code}`}>{t('certificate.verifyLink')}</a>
				</p>
				{sharing.length > 0 ? (
					<>
						<h2>{t('certificateSharing.title')}</h2>
						<p>{t('certificateSharing.intro')}</p>
						<ul>
							{sharing.map((choice) => (
								<li key={choice.orgId}>
									<Form method="post">
										<input type="hidden" name="intent" value="share" />
										<input type="hidden" name="orgId" value={choice.orgId} />
										<p>{t(choice.shared ? 'certificateSharing.shared' : 'certificateSharing.notShared', { org: choice.name })}</p>
										<button type="submit" name="shared" value={choice.shared ? 'no' : 'yes'} className="button button--secondary">
											{t(choice.shared ? 'certificateSharing.stop' : 'certificateSharing.share', { org: choice.name })}
										</button>
									</Form>
								</li>
							))}
						</ul>
					</>
				) : null}
				<h2>{t('credentials.didTitle')}</h2>
				<Form method="post">
					<div className="field">
						<label htmlFor="holderDid">{t('credentials.didLabel')}</label>
						<p id="holderDid-hint" className="small">
							{t('credentials.didHint')}
						</p>
						{didError ? (
							<p id="holderDid-error" className="field-error">
								{didError}
							</p>
						) : null}
						<input
							id="holderDid"
							name="holderDid"
							type="text"
							inputMode="url"
							autoComplete="off"
							spellCheck={false}
							maxLength={300}
							defaultValue={holderDid ?? ''}
							aria-describedby={didError ? 'holderDid-hint holderDid-error' : 'holderDid-hint'}
							aria-invalid={didError ? true : undefined}
						/>
					</div>
					<button type="submit" name="intent" value="holderDid" className="button button--secondary">
						{t('credentials.didSave')}
					</button>
				</Form>
			</div>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
