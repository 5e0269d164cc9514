// A handed-in answer sheet (quiz or review) as the grader reads it: the text fields in order and
// the one signed token. Files, more fields than a sheet can have, or not exactly one token are
// not a sheet; grading (grading.ts) then decides what the fields mean.
type AnswerSheet = { fields: [string, string][]; token: string | null }

export function readAnswerSheet(form: FormData, maxFields: number): AnswerSheet | null {
	const fields: [string, string][] = []
	for (const [name, value] of form) {
		if (typeof value !== 'string' || fields.length >= maxFields) return null
		fields.push([name, value])
	}
	const tokens = fields.filter(([name]) => name === 'token')
	return { fields, token: tokens.length === 1 ? tokens[0]![1] : null }
}
