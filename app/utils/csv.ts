// CSV for spreadsheets: the one way the app writes a table for download.
// - UTF-8 with a BOM, so Excel shows Kazakh and Russian letters instead of mojibake;
// - semicolons between cells: Excel with Russian or Kazakh regional settings (whose list
//   separator is ";", the decimal one ",") opens the file in columns instead of one;
// - CRLF line ends and every cell quoted (RFC 4180, with ";" as the delimiter);
// - a cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading
//   apostrophe (OWASP "CSV injection"): names and codes typed by others must never execute.

type CsvCell = string | number | null | undefined

const FORMULA_START = /^[=+\-@\t\r]/
const CSV_SEPARATOR = ';'

export function csvCell(value: CsvCell): string {
	const text = value === null || value === undefined ? '' : String(value)
	const safe = typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text
	return `"${safe.replace(/"/g, '""')}"`
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
	return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(CSV_SEPARATOR)).join('\r\n')}\r\n`
}

/** A download response; `filename` must be neutral (discreet mode: no topic words). */
export function csvResponse(filename: string, header: readonly string[], rows: readonly (readonly CsvCell[])[]): Response {
	return new Response(toCsv(header, rows), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${filename}"`,
			'Cache-Control': 'no-store',
		},
	})
}
