// /orgs/:org/certificates/export?format=csv|zip&show=all|expiring: the members' certificates as
// a spreadsheet, or their PDFs in one zip (revoked ones left out: they are no longer evidence).
import { type LoaderFunctionArgs } from '@remix-run/node'
import { courseTitleFor } from '~/certificates/present.server.ts'
import { requireOrgCertificates } from '~/auth/guards.server.ts'
import { certificateFilterOf, certificatesZip, orgCertificates, ZIP_MAX } from '~/models/org-certificates.server.ts'
import { csvResponse } from '~/utils/csv.ts'
import { refusal } from '~/utils/forms.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { publicOrigin } from '~/utils/origin.server.ts'
import { isoDay } from '~/utils/dates.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org } = await requireOrgCertificates(request, params.org)
	const filter = certificateFilterOf(new URL(request.url))
	const format = new URL(request.url).searchParams.get('format')
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	if (format !== 'csv' && format !== 'zip') throw await refusal(request, 'orgCertificates.exportInvalid')
	const rows = await orgCertificates(org.id, filter)
	if (format === 'csv') {
		return csvResponse(
			'certificates.csv',
			[t('dashboard.name'), t('orgCertificates.holderName'), t('orgs.course'), t('verify.csvCode'), t('orgCertificates.issued'), t('orgCertificates.expires'), t('orgCertificates.state'), t('orgCertificates.reason')],
			rows.map((row) => [
				row.displayName,
				row.holderName,
				courseTitleFor(row.courseSlug, locale),
				row.code,
				isoDay(row.issuedAt),
				isoDay(row.expiresAt),
				t(`verify.state.${row.state}`),
				row.revokeReason,
			]),
		)
	}
	const current = rows.filter((row) => row.state !== 'revoked')
	if (current.length === 0) throw await refusal(request, 'orgCertificates.none', { status: 404 })
	if (current.length > ZIP_MAX) throw await refusal(request, 'orgCertificates.zipTooMany', { values: { max: ZIP_MAX } })
	const zip = await certificatesZip(current, locale, t, publicOrigin(request))
	return new Response(Buffer.from(zip), {
		headers: { 'Content-Type': 'application/zip', 'Content-Disposition': 'attachment; filename="certificates.zip"', 'Cache-Control': 'no-store' },
	})
}
