// The organisation's view of its members' certificates: all, or those expiring within 30 days
// (yearly workplace training); revoke one with a reason; download them as CSV or a zip of PDFs.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { courseTitleFor } from '~/certificates/present.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList } from '~/components/forms.tsx'
import { ResultsTable } from '~/components/results-table.tsx'
import { requireOrgCertificates } from '~/auth/guards.server.ts'
import { MANAGE_ROLES, mayManage } from '~/orgs/roles.ts'
import { certificateFilterOf, orgCertificates, revokeMemberCertificate } from '~/models/org-certificates.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { redirectWithFlash } from '~/utils/flash.server.ts'
import { parseForm, refusal } from '~/utils/forms.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { needsBundles } from '~/config/string-bundles.ts'
import { isoDay } from '~/utils/dates.ts'

const REASON_MAX = 200

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org, role } = await requireOrgCertificates(request, params.org)
	const filter = certificateFilterOf(new URL(request.url))
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const rows = await orgCertificates(org.id, filter)
	return {
		title: t('orgCertificates.title'),
		org: { slug: org.slug, name: org.name },
		filter,
		reasonMax: REASON_MAX,
		mayRevoke: mayManage(role),
		certificates: rows.map((row) => ({
			code: row.code,
			name: row.displayName,
			course: courseTitleFor(row.courseSlug, locale),
			issuedAt: isoDay(row.issuedAt),
			expiresAt: isoDay(row.expiresAt),
			state: row.state,
			earnedHere: row.earnedHere,
		})),
	}
}

const REASON_INVALID = 'orgCertificates.reasonInvalid'
const revokeSchema = z.object({
	code: z.string({ required_error: 'errors.badForm' }).max(40, 'errors.badForm'),
	reason: z.string({ required_error: REASON_INVALID }).max(REASON_MAX, REASON_INVALID).trim().min(3, REASON_INVALID).regex(/^[^<>\p{C}]+$/u, REASON_INVALID),
})

export async function action({ request, params }: ActionFunctionArgs) {
	const { org } = await requireOrgCertificates(request, params.org, MANAGE_ROLES)
	const submission = await parseForm(request, revokeSchema)
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	if (!(await revokeMemberCertificate(org.id, submission.value.code, submission.value.reason))) throw await refusal(request, 'orgCertificates.notFound', { status: 404 })
	return redirectWithFlash(`/orgs/${org.slug}/certificates`, 'orgCertificates.revokedNotice')
}

export const handle = needsBundles('orgs', 'credentials')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function OrgCertificates() {
	const { org, filter, reasonMax, mayRevoke, certificates } = useLoaderData<typeof loader>()
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
					<li>
						{filter === 'renewal' ? <strong aria-current="page">{t('credentials.orgFilter')}</strong> : <a href="?show=renewal">{t('credentials.orgFilter')}</a>}
					</li>
				</ul>
			</nav>
			<ErrorList errors={result?.error?.reason ?? result?.error?.code ?? undefined} values={{ max: reasonMax }} />
			<p>{t('orgCertificateScope.scopeNote')}</p>
			{filter === 'renewal' && certificates.length > 0 ? <p>{t('credentials.orgNeedsRenewal', { count: certificates.length })}</p> : null}
			{certificates.length === 0 ? (
				<p>{t(filter === 'renewal' ? 'credentials.orgNoneRenewal' : filter === 'expiring' ? 'orgCertificates.noneExpiring' : 'orgCertificates.none')}</p>
			) : (
				<>
					<p>
						<a href={exportHref('csv')} download>
							{t('orgCertificates.exportCsv')}
						</a>{' '}
						· <a href={exportHref('zip')}>{t('orgCertificates.exportZip')}</a>
					</p>
					<ResultsTable caption={t(filter === 'renewal' ? 'credentials.orgFilter' : filter === 'expiring' ? 'orgCertificates.expiringCaption' : 'orgCertificates.caption')} columns={[t('dashboard.name'), t('orgs.course'), t('orgCertificates.issued'), t('orgCertificates.expires'), t('orgCertificates.state'), ...(mayRevoke ? [t('orgCertificates.revoke')] : [])]}>
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
								{mayRevoke ? (
									<td>
									{certificate.state === 'revoked' ? null : !certificate.earnedHere ? (
										t('orgCertificateScope.sharedByHolder')
									) : (
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
								) : null}
							</tr>
						))}
					</ResultsTable>
				</>
			)}
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
