// Enrolment problems as sentences in the reader's language (keys under "enrol" in app/locales).
import type { FileError } from '~/orgs/csv.ts'

type T = (key: string, options?: Record<string, unknown>) => string

export function fileErrorMessage(t: T, error: FileError | { code: 'noFile' | 'notUpload' }): string {
	const mb = error.code === 'tooLarge' ? error.max / 1_000_000 : ''
	return t(`enrol.fileError.${error.code}`, { ...error, mb, column: 'column' in error ? error.column : '' })
}

type Reason = { code: string; line?: number; cells?: number; expected?: number; column?: string; group?: string }

export function rowReasonMessage(t: T, reason: Reason): string {
	const column = reason.column ? t(`enrol.column.${reason.column}`) : ''
	return t(`enrol.row.${reason.code}`, { ...reason, column })
}
