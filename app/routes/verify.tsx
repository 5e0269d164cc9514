import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { bulkVerify, MAX_BULK_CODES, type VerifyRow } from '~/models/bulk-verify.server.ts'
import { normalizeCode } from '~/certificates/code.server.ts'
import { hasCredentialFields, readPastedCredential } from '~/certificates/pasted-credential.server.ts'
import { VerifyCodeForm } from '~/components/verify-code-form.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { needsBundles } from '~/config/string-bundles.ts'
import { verifyCredential } from '~/models/credential.server.ts'
import { refusal } from '~/utils/forms.server.ts'
import { publicOrigin } from '~/utils/origin.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { getUser } from '~/auth/identity.server.ts'
import { clientIp, hit, limitWrite, rules, writeRules } from '~/utils/rate-limit.server.ts'
import { TableScroll } from '~/components/results-table.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
	const t = await i18nServer.getFixedT(await getLocale(request))
	// The simple form is a GET: /verify?code=… leads to the code's own page.
	const code = new URL(request.url).searchParams.get('code')
	if (code !== null) return redirect(`/verify/${encodeURIComponent(normalizeCode(code) ?? code.slice(0, 40))}`)
	return { title: t('verify.title'), maxCodes: MAX_BULK_CODES }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const locale = await getLocale(request)
	await limitWrite(request, context, writeRules.verificationUpload, (await getUser(request))?.id)
	const form = await request.formData().catch(() => null)
	if (form && hasCredentialFields(form)) return checkPastedCredential(request, form, context)
	const result = await bulkVerify(form, locale)
	if ('error' in result) throw await refusal(request, result.error, { status: result.status })
	return result
}

/** A pasted or uploaded Open Badges credential: forged, altered or garbage gets a verdict, never a 500. */
async function checkPastedCredential(request: Request, form: FormData, context: { clientIp?: string }) {
	const t = await i18nServer.getFixedT(await getLocale(request))
	const pasted = await readPastedCredential(form)
	if (pasted.kind !== 'text') return data({ credentialError: t('credentials.verifyEmpty') }, { status: 400 })
	if (!(await hit(rules.verifyByIp, clientIp(context))).allowed) throw await refusal(request, 'auth.tooMany', { status: 429 })
	return { credential: await verifyCredential(pasted.json, publicOrigin(request)) }
}

export const handle = needsBundles('credentials')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Verify() {
	const { maxCodes } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const { t } = useTranslation()
	const rows = result && 'rows' in result ? (result.rows as VerifyRow[]) : null
	const credential = result && 'credential' in result ? result.credential : null
	const credentialError = result && 'credentialError' in result ? result.credentialError : null
	return (
		<article>
			<h1>{t('verify.title')}</h1>
			<p>{t('verify.intro')}</p>
			<VerifyCodeForm />
			<h2>{t('verify.bulkTitle')}</h2>
			{/* A plain post: the CSV button's answer is a file from the resource route /verify.csv. */}
			<Form method="post" reloadDocument>
				<div className="field">
					<label htmlFor="codes">{t('verify.bulkLabel', { max: maxCodes })}</label>
					<textarea id="codes" name="codes" rows={6} required />
				</div>
				<p className="choice-row">
					<button type="submit" name="format" value="table" className="button">
						{t('verify.bulkCheck')}
					</button>{' '}
					<button type="submit" formAction="/verify.csv" className="button button--secondary">
						{t('verify.bulkCsv')}
					</button>
				</p>
			</Form>
			{rows ? (
				<TableScroll label={t('verify.bulkResults', { count: rows.length })}>
					<table className="results">
						<caption>{t('verify.bulkResults', { count: rows.length })}</caption>
						<thead>
							<tr>
								<th scope="col">{t('verify.csvInput')}</th>
								<th scope="col">{t('verify.csvState')}</th>
								<th scope="col">{t('verify.csvCourse')}</th>
								<th scope="col">{t('verify.csvHolder')}</th>
								<th scope="col">{t('verify.csvIssued')}</th>
								<th scope="col">{t('verify.csvExpires')}</th>
							</tr>
						</thead>
						<tbody>
							{rows.map((row, index) => (
								<tr key={`${row.input}-${index}`}>
									<td>{row.input}</td>
									<td>{t(`verify.state.${row.state}`)}</td>
									<td>{row.course}</td>
									<td>{row.holder}</td>
									<td>{row.issuedAt}</td>
									<td>{row.expiresAt}</td>
								</tr>
							))}
						</tbody>
					</table>
				</TableScroll>
			) : null}
			<h2 id="credential-title">{t('credentials.verifyTitle')}</h2>
			<p>{t('credentials.verifyIntro')}</p>
			<Form method="post" encType="multipart/form-data" reloadDocument aria-labelledby="credential-title">
				<div className="field">
					<label htmlFor="credential">{t('credentials.verifyPasteLabel')}</label>
					{credentialError ? (
						<p id="credential-error" className="field-error">
							{credentialError}
						</p>
					) : null}
					<textarea id="credential" name="credential" rows={6} spellCheck={false} aria-describedby={credentialError ? 'credential-error' : undefined} />
				</div>
				<div className="field">
					<label htmlFor="credentialFile">{t('credentials.verifyFileLabel')}</label>
					<input id="credentialFile" name="credentialFile" type="file" accept=".json,application/json,application/vc+ld+json,application/ld+json" />
				</div>
				<button type="submit" className="button">
					{t('credentials.verifyCheck')}
				</button>
			</Form>
			{credential ? (
				<section aria-live="polite">
					<p className={`verdict verdict--${credential.outcome === 'valid' ? 'valid' : credential.outcome === 'expired' ? 'expired' : 'revoked'}`} role="status">
						{t(`credentials.outcome.${credential.outcome}`)}
					</p>
					{'facts' in credential ? (
						<dl className="facts">
							<dt>{t('credentials.factCourse')}</dt>
							<dd>{credential.facts.achievement}</dd>
							{credential.facts.holder ? (
								<>
									<dt>{t('credentials.factHolder')}</dt>
									<dd>{credential.facts.holder}</dd>
								</>
							) : null}
							<dt>{t('credentials.factValidFrom')}</dt>
							<dd>{credential.facts.validFrom}</dd>
							{credential.facts.validUntil ? (
								<>
									<dt>{t('credentials.factValidUntil')}</dt>
									<dd>{credential.facts.validUntil}</dd>
								</>
							) : null}
						</dl>
					) : null}
				</section>
			) : null}
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
