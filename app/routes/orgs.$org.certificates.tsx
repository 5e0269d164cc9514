// The organisation's view of its members' certificates: all, or those expiring within 30 days
// (yearly workplace training); revoke one with a reason; download them as CSV or a zip of PDFs.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { courseTitleFor } from '~/certificates/present.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ResultsTable } from '~/components/results-table.tsx'
import { requireOrgCertificates } from '~/auth/guards.server.ts'
import { certificateFilterOf, orgCertificates, revokeMemberCertificate } from '~/models/org-certificates.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { needsBundles } from '~/config/string-bundles.ts'

const REASON_MAX = 200

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org } = await requireOrgCertificates(request, params.org)
	const filter = certificateFilterOf(new URL(request.url))
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const rows = await orgCertificates(org.id, filter)
	return {
		title: t('orgCertificates.title'),
		org: { slug: org.slug, name: org.name },
		filter,
		reasonMax: REASON_MAX,
		revoked: new URL(request.url).searchParams.has('revoked'),
		certificates: rows.map((row) => ({
			code: row.code,
			name: row.displayName,
			course: courseTitleFor(row.courseSlug, locale),
			issuedAt: row.issuedAt.toISOString().slice(0, 10),
			expiresAt: row.expiresAt?.toISOString().slice(0, 10) ?? null,
			state: row.state,
		})),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { org } = await requireOrgCertificates(request, params.org)
	const t = await i18nServer.getFixedT(await getLocale(request))
	const form = await request.formData().catch(() => null)
	const code = form?.get('code')
	const reason = form?.get('reason')
	if (typeof code !== 'string' || code.length > 40 || typeof reason !== 'string' || reason.trim().length < 3 || reason.length > REASON_MAX || /[<>\p{C}]/u.test(reason)) {
		return data({ error: t('orgCertificates.reasonInvalid', { max: REASON_MAX }) }, { status: 400 })
	}
	if (!(await revokeMemberCertificate(org.id, code, reason.trim()))) throw data({ error: t('orgCertificates.notFound') }, { status: 404 })
	return redirect(`/orgs/${org.slug}/certificates?revoked`)
}

export const handle = needsBundles('orgs')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function OrgCertificates() {
	const { org, filter, reasonMax, revoked, certificates } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const { t } = useTranslation()
	const exportHref = (format: string) => `/orgs/${org.slug}/certificates/export?format=${format}&show=${filter}`
	return (
		<article className="wide">
			<p className="breadcrumb">
				<a href={`/orgs/${org.slug}`}>{org.name}</a>
			</p>
			<h1>{t('orgCertificates.title')}</h1>
			<nav aria-label={t('orgCertificates.filterLabel')}>
				<ul className="inline-list">
					<li>{filter === 'all' ? <strong aria-current="page">{t('orgCertificates.all')}</strong> : <a href="?show=all">{t('orgCertificates.all')}</a>}</li>
					<li>
						{filter === 'expiring' ? <strong aria-current="page">{t('orgCertificates.expiring')}</strong> : <a href="?show=expiring">{t('orgCertificates.expiring')}</a>}
					</li>
				</ul>
			</nav>
			{revoked ? (
				<p className="notice notice--success" role="status">
					{t('orgCertificates.revokedNotice')}
				</p>
			) : null}
			{result?.error ? (
				<p className="field-error" role="alert">
					{result.error}
				</p>
			) : null}
			{certificates.length === 0 ? (
				<p>{t(filter === 'expiring' ? 'orgCertificates.noneExpiring' : 'orgCertificates.none')}</p>
			) : (
				<>
					<p>
						<a href={exportHref('csv')} download>
							{t('orgCertificates.exportCsv')}
						</a>{' '}
						· <a href={exportHref('zip')}>{t('orgCertificates.exportZip')}</a>
					</p>
					<ResultsTable caption={t(filter === 'expiring' ? 'orgCertificates.expiringCaption' : 'orgCertificates.caption')} columns={[t('dashboard.name'), t('orgs.course'), t('orgCertificates.issued'), t('orgCertificates.expires'), t('orgCertificates.state'), t('orgCertificates.revoke')]}>
						{certificates.map((certificate) => (
							<tr key={certificate.code}>
								<th scope="row">
									{certificate.name}
									<br />
									<a href={`/verify/${certificate.code}`}>{certificate.code}</a>
								</th>
								<td>{certificate.course}</td>
								<td>{certificate.issuedAt}</td>
								<td>{certificate.expiresAt ?? '—'}</td>
								<td>{t(`verify.state.${certificate.state}`)}</td>
								<td>
									{certificate.state === 'revoked' ? null : (
										<Form method="post">
											<input type="hidden" name="code" value={certificate.code} />
											<label htmlFor={`reason-${certificate.code}`}>{t('orgCertificates.reason')}</label>
											<input id={`reason-${certificate.code}`} name="reason" type="text" required minLength={3} maxLength={reasonMax} />
											<button type="submit" className="button button--secondary">
												{t('orgCertificates.revokeButton')}
											</button>
										</Form>
									)}
								</td>
							</tr>
						))}
					</ResultsTable>
				</>
			)}
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
