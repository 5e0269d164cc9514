import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { normalizeCode } from '~/certificates/code.server.ts'
import { courseTitleFor } from '~/certificates/present.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { findCertificate, verificationOf } from '~/models/certificate.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { csvResponse } from '~/utils/csv.ts'
import { pageMeta } from '~/utils/meta.ts'
import { clientIp, limits } from '~/utils/rate-limit.server.ts'

const MAX_BULK_CODES = 500

type VerifyRow = { input: string; code: string; state: 'valid' | 'expired' | 'revoked' | 'not-found'; course: string; holder: string; issuedAt: string; expiresAt: string }

export async function loader({ request }: LoaderFunctionArgs) {
	const t = await i18nServer.getFixedT(await getLocale(request))
	// The simple form is a GET: /verify?code=… leads to the code's own page.
	const code = new URL(request.url).searchParams.get('code')
	if (code !== null) return redirect(`/verify/${encodeURIComponent(normalizeCode(code) ?? code.slice(0, 40))}`)
	return { title: t('verify.title') }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const form = await request.formData().catch(() => null)
	const text = form?.get('codes')
	if (typeof text !== 'string' || text.length > MAX_BULK_CODES * 40) throw data({ error: t('verify.bulkInvalid') }, { status: 400 })
	const lines = text.split(/[\r\n,;]+/).map((line) => line.trim()).filter(Boolean)
	if (lines.length === 0 || lines.length > MAX_BULK_CODES) throw data({ error: t('verify.bulkInvalid') }, { status: 400 })
	if (!limits.verifyByIp.hit(`ip:${clientIp(context)}`).allowed) throw data({ error: t('auth.tooMany') }, { status: 429 })

	const rows: VerifyRow[] = []
	for (const line of lines) {
		const certificate = await findCertificate(line)
		if (!certificate) {
			rows.push({ input: line, code: normalizeCode(line) ?? '', state: 'not-found', course: '', holder: '', issuedAt: '', expiresAt: '' })
			continue
		}
		const result = verificationOf(certificate)
		rows.push({ input: line, code: result.code, state: result.state, holder: result.holder, issuedAt: result.issuedAt, course: courseTitleFor(result.courseSlug, locale), expiresAt: result.expiresAt ?? '' })
	}
	if (form?.get('format') === 'csv') {
		const header = [t('verify.csvInput'), t('verify.csvCode'), t('verify.csvState'), t('verify.csvCourse'), t('verify.csvHolder'), t('verify.csvIssued'), t('verify.csvExpires')]
		return csvResponse(
			'verification.csv',
			header,
			rows.map((row) => [row.input, row.code, t(`verify.state.${row.state}`), row.course, row.holder, row.issuedAt, row.expiresAt]),
		)
	}
	return { rows }
}

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Verify() {
	const result = useActionData<typeof action>()
	const { t } = useTranslation()
	const rows = result && 'rows' in result ? (result.rows as VerifyRow[]) : null
	return (
		<article>
			<h1>{t('verify.title')}</h1>
			<p>{t('verify.intro')}</p>
			<Form method="get" className="filters">
				<div className="field">
					<label htmlFor="code">{t('verify.codeLabel')}</label>
					<input id="code" name="code" type="text" autoComplete="off" autoCapitalize="characters" maxLength={40} required />
				</div>
				<button type="submit" className="button">
					{t('verify.check')}
				</button>
			</Form>
			<h2>{t('verify.bulkTitle')}</h2>
			<Form method="post">
				<div className="field">
					<label htmlFor="codes">{t('verify.bulkLabel', { max: MAX_BULK_CODES })}</label>
					<textarea id="codes" name="codes" rows={6} required />
				</div>
				<p className="choice-row">
					<button type="submit" name="format" value="table" className="button">
						{t('verify.bulkCheck')}
					</button>{' '}
					<button type="submit" name="format" value="csv" className="button button--secondary">
						{t('verify.bulkCsv')}
					</button>
				</p>
			</Form>
			{rows ? (
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
			) : null}
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
