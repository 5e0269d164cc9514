// OneRoster import problems as sentences in the reader's language (keys under "oneroster").
import type { RosterError } from '~/orgs/oneroster.ts'

type T = (key: string, options?: Record<string, unknown>) => string

export function rosterErrorMessage(t: T, error: RosterError | { code: 'notUpload' }): string {
	if (error.code === 'row') {
		const reason = t(`oneroster.row.${error.problem.code}`, error.problem)
		return t('oneroster.error.row', { file: error.file, line: error.line, reason })
	}
	const kb = 'max' in error ? Math.round(error.max / 1000) : ''
	const mb = 'max' in error ? error.max / 1_000_000 : ''
	return t(`oneroster.error.${error.code}`, { ...error, kb, mb })
}
