import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { bulkVerify, MAX_BULK_CODES, type VerifyRow } from '~/models/bulk-verify.server.ts'
import { normalizeCode } from '~/certificates/code.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const t = await i18nServer.getFixedT(await getLocale(request))
	// The simple form is a GET: /verify?code=… leads to the code's own page.
	const code = new URL(request.url).searchParams.get('code')
	if (code !== null) return redirect(`/verify/${encodeURIComponent(normalizeCode(code) ?? code.slice(0, 40))}`)
	return { title: t('verify.title'), maxCodes: MAX_BULK_CODES }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const locale = await getLocale(request)
	const result = await bulkVerify(await request.formData().catch(() => null), context, locale)
	if ('error' in result) throw data({ error: (await i18nServer.getFixedT(locale))(result.error) }, { status: result.status })
	return result
}

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Verify() {
	const { maxCodes } = useLoaderData<typeof loader>()
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
