// Checking many certificate codes at once (/verify's bulk form): as a table on the page, or as a
// CSV file from the resource route /verify.csv.
import type { TFunction } from 'i18next'
import type { Locale } from '~/config/i18n.ts'
import { findCertificate, verificationOf } from '~/models/certificate.server.ts'
import { normalizeCode } from '~/certificates/code.server.ts'
import { courseTitleFor } from '~/certificates/present.server.ts'
import { csvResponse } from '~/utils/csv.ts'

export const MAX_BULK_CODES = 500

export type VerifyRow = { input: string; code: string; state: 'valid' | 'expired' | 'revoked' | 'not-found'; course: string; holder: string; issuedAt: string; expiresAt: string }

/** The rows for the posted codes, or the translation key and status of why there are none. */
export async function bulkVerify(form: FormData | null, locale: Locale): Promise<{ rows: VerifyRow[] } | { error: string; status: number }> {
	const text = form?.get('codes')
	if (typeof text !== 'string' || text.length > MAX_BULK_CODES * 40) return { error: 'verify.bulkInvalid', status: 400 }
	const lines = text.split(/[\r\n,;]+/).map((line) => line.trim()).filter(Boolean)
	if (lines.length === 0 || lines.length > MAX_BULK_CODES) return { error: 'verify.bulkInvalid', status: 400 }

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
	return { rows }
}

/** Through the one CSV writer: the typed input goes back to a spreadsheet, formula-safe. */
export function bulkCsv(rows: VerifyRow[], t: TFunction): Response {
	const header = [t('verify.csvInput'), t('verify.csvCode'), t('verify.csvState'), t('verify.csvCourse'), t('verify.csvHolder'), t('verify.csvIssued'), t('verify.csvExpires')]
	return csvResponse(
		'verification.csv',
		header,
		rows.map((row) => [row.input, row.code, t(`verify.state.${row.state}`), row.course, row.holder, row.issuedAt, row.expiresAt]),
	)
}
