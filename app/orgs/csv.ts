// Reading an enrolment CSV as teachers actually have them: exported from Excel or Google Sheets,
// in UTF-8 (with or without a BOM) or Windows-1251 (Russian Excel's default), with commas or
// semicolons, quoted per RFC 4180. Pure functions: no database, so every odd file is unit-tested
// (decision 014). What the rows mean for the organisation is app/models/enrolment.server.ts.
import { displayName } from '~/utils/account-fields.ts'
import { PUPIL_USERNAME } from '~/orgs/usernames.ts'

// The confirmation sends the decoded text back (up to twice the bytes for Cyrillic from
// Windows-1251), and the server takes bodies of at most MAX_BODY_KB (1 MB by default).
export const MAX_BYTES = 400_000
// Each new pupil costs an argon2id hash (~40 ms of a core here): 500 keeps a confirmation under
// about ten seconds on a small server (decision 014).
export const MAX_ROWS = 500

export type Encoding = 'utf-8' | 'windows-1251' | 'utf-16le' | 'utf-16be'
export type FileError =
	| { code: 'empty' }
	| { code: 'binary' }
	| { code: 'encoding' }
	| { code: 'spreadsheet' }
	| { code: 'tooLarge'; max: number }
	| { code: 'tooManyRows'; max: number; count: number }
	| { code: 'noNameColumn' }
	| { code: 'unknownColumn'; column: string }
	| { code: 'duplicateColumn'; column: string }
	| { code: 'noRows' }

type Decoded = { ok: true; text: string; encoding: Encoding } | { ok: false; error: FileError }

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte)

// C0 controls other than tab, line feed, form feed and carriage return, and DEL: text files
// have none of them, binary files plenty.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g

export function decodeCsv(bytes: Uint8Array): Decoded {
	if (bytes.length > MAX_BYTES) return { ok: false, error: { code: 'tooLarge', max: MAX_BYTES } }
	// A workbook saved as .xlsx (a zip) or .xls (OLE) instead of CSV: the commonest wrong file.
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return { ok: false, error: { code: 'spreadsheet' } }
	let text: string
	let encoding: Encoding
	if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
		encoding = 'utf-8'
		text = new TextDecoder('utf-8').decode(bytes.subarray(3))
	} else if (startsWith(bytes, [0xff, 0xfe])) {
		encoding = 'utf-16le'
		text = new TextDecoder('utf-16le').decode(bytes.subarray(2))
	} else if (startsWith(bytes, [0xfe, 0xff])) {
		encoding = 'utf-16be'
		text = new TextDecoder('utf-16be').decode(bytes.subarray(2))
	} else {
		try {
			encoding = 'utf-8'
			text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
		} catch {
			// Not valid UTF-8: a Russian/Kazakh Excel "CSV" is Windows-1251. Every byte decodes,
			// so a binary file is caught by the control-character check below instead.
			encoding = 'windows-1251'
			text = new TextDecoder('windows-1251').decode(bytes)
		}
	}
	if (text.includes('\u0000') || (text.match(CONTROL)?.length ?? 0) > Math.max(2, text.length / 200) || text.includes('\uFFFD')) {
		return { ok: false, error: { code: 'binary' } }
	}
	if (text.trim() === '') return { ok: false, error: { code: 'empty' } }
	if (encoding === 'windows-1251' && looksMisdecoded(text)) return { ok: false, error: { code: 'encoding' } }
	return { ok: true, text, encoding }
}

/**
 * KOI8-R (old Russian systems) also decodes as Windows-1251, but with the case of every letter
 * swapped and the alphabet shuffled: words like "иБЮМ". Real names almost never put a capital
 * right after a small letter, so many such words mean the guess was wrong.
 */
function looksMisdecoded(text: string): boolean {
	const words = text.match(/[\u0400-\u04FF]{2,}/g) ?? []
	const odd = words.filter((word) => /[\u0430-\u045F][\u0400-\u042F]/.test(word)).length
	return words.length >= 2 && odd / words.length > 0.3
}

type Delimiter = ',' | ';' | '\t'

/** The delimiter used most often, outside quotes, on the header line. */
export function detectDelimiter(text: string): Delimiter {
	const counts = { ',': 0, ';': 0, '\t': 0 }
	let quoted = false
	// Blank lines before the header (Excel leaves some) do not count.
	const first = text.search(/\S/)
	const header = first === -1 ? '' : text.slice(Math.max(text.lastIndexOf('\n', first), text.lastIndexOf('\r', first)) + 1)
	for (const char of header) {
		if (char === '"') quoted = !quoted
		else if (!quoted && (char === '\n' || char === '\r')) break
		else if (!quoted && char in counts) counts[char as Delimiter]++
	}
	if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';'
	if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t'
	return ','
}

type CsvRecord = { line: number; cells: string[]; unclosedQuote: boolean }

/**
 * RFC 4180 records (quotes, doubled quotes, line breaks inside quotes), with their first line
 * number; blank records are left out. Stops after `maxRecords`, so a file of a million short
 * lines costs no more than the limit.
 */
export function parseCsv(text: string, delimiter: Delimiter, maxRecords = Infinity): CsvRecord[] {
	const records: CsvRecord[] = []
	let cells: string[] = []
	let cell = ''
	let quoted = false
	let line = 1
	let start = 1
	const endRecord = () => {
		cells.push(cell)
		if (cells.some((value) => value.trim() !== '')) records.push({ line: start, cells, unclosedQuote: false })
		cells = []
		cell = ''
	}
	for (let i = 0; i < text.length; i++) {
		const char = text[i]!
		if (quoted) {
			if (char === '"') {
				if (text[i + 1] === '"') {
					cell += '"'
					i++
				} else quoted = false
			} else {
				if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) line++
				cell += char
			}
		} else if (char === '"' && cell.trim() === '') {
			quoted = true
			cell = ''
		} else if (char === delimiter) {
			cells.push(cell)
			cell = ''
		} else if (char === '\r' || char === '\n') {
			if (char === '\r' && text[i + 1] === '\n') i++
			endRecord()
			if (records.length > maxRecords) return records
			line++
			start = line
		} else cell += char
	}
	if (quoted || cell !== '' || cells.length > 0) {
		const before = records.length
		endRecord()
		if (quoted && records.length > before) records[records.length - 1]!.unclosedQuote = true
	}
	return records
}

// Header names teachers write, in English, Russian and Kazakh. They are compared lowercased and
// without spaces, dots, hyphens, asterisks, colons or underscores ("E-mail", "Аты-жөні *").
const HEADERS = {
	name: ['name', 'full name', 'pupil', 'student', 'имя', 'ФИО', 'имя и фамилия', 'фамилия и имя', 'ученик', 'аты', 'аты-жөні', 'толық аты', 'оқушы'],
	login: ['username', 'email', 'login', 'username or email', 'логин', 'почта', 'электронная почта', 'имя пользователя', 'логин или почта', 'пайдаланушы аты', 'пошта', 'электрондық пошта', 'логин немесе пошта'],
	group: ['group', 'class', 'team', 'группа', 'класс', 'команда', 'сынып', 'топ'],
} as const
export type Column = keyof typeof HEADERS

const normaliseHeader = (header: string) => header.trim().toLowerCase().replace(/[\s._*:-]+/g, '')
const HEADER_LOOKUP = new Map<string, Column>(
	(Object.entries(HEADERS) as [Column, readonly string[]][]).flatMap(([column, names]) => names.map((name) => [normaliseHeader(name), column] as const)),
)

/** For the page and the README: the accepted header names of each column. */
export const ACCEPTED_HEADERS = HEADERS

export type RowProblem =
	| { code: 'cellCount'; cells: number; expected: number }
	| { code: 'unclosedQuote' }
	| { code: 'formula'; column: Column }
	| { code: 'nameMissing' }
	| { code: 'nameInvalid' }
	| { code: 'loginInvalid' }
	| { code: 'duplicate'; line: number }

export type CsvRow = {
	line: number
	name: string
	/** Lowercased; an email when it has an @, else a username; '' when the column is empty or absent. */
	login: string
	group: string
	problem: RowProblem | null
}

type ReadResult =
	| { ok: true; encoding: Encoding; delimiter: Delimiter; columns: Column[]; rows: CsvRow[] }
	| { ok: false; error: FileError }

// Cells a spreadsheet would run as a formula when the file is opened again (CSV injection).
const FORMULA = /^[=+\-@\t\r]/
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/

export const isEmail = (login: string) => login.includes('@')

/** Decodes and reads the whole file: a file-level error, or every data row with its first problem. */
export function readEnrolmentCsv(bytes: Uint8Array): ReadResult {
	const decoded = decodeCsv(bytes)
	if (!decoded.ok) return decoded
	return readEnrolmentText(decoded.text, decoded.encoding)
}

export function readEnrolmentText(text: string, encoding: Encoding = 'utf-8'): ReadResult {
	const delimiter = detectDelimiter(text)
	const records = parseCsv(text, delimiter, MAX_ROWS + 1)
	const header = records.shift()
	if (!header) return { ok: false, error: { code: 'empty' } }
	const columns: Column[] = []
	for (const raw of header.cells) {
		const column = HEADER_LOOKUP.get(normaliseHeader(raw))
		if (!column) return { ok: false, error: { code: 'unknownColumn', column: raw.trim().slice(0, 40) } }
		if (columns.includes(column)) return { ok: false, error: { code: 'duplicateColumn', column: raw.trim().slice(0, 40) } }
		columns.push(column)
	}
	if (!columns.includes('name')) return { ok: false, error: { code: 'noNameColumn' } }
	if (records.length === 0) return { ok: false, error: { code: 'noRows' } }
	if (records.length > MAX_ROWS) return { ok: false, error: { code: 'tooManyRows', max: MAX_ROWS, count: countLines(text) - 1 } }

	const seen = new Map<string, number>()
	const rows = records.map((record): CsvRow => {
		const cell = (column: Column) => {
			const index = columns.indexOf(column)
			return index === -1 ? '' : (record.cells[index] ?? '').trim()
		}
		const row: CsvRow = { line: record.line, name: cell('name').replace(/\s+/g, ' '), login: cell('login').toLowerCase(), group: cell('group'), problem: null }
		row.problem = rowProblem(record, columns, row)
		if (!row.problem) {
			// The same person twice: the same login, or (without one) the same name in the same group.
			const key = row.login ? `login:${row.login}` : `name:${row.name.toLowerCase()}\u0000${row.group.toLowerCase()}`
			const first = seen.get(key)
			if (first !== undefined) row.problem = { code: 'duplicate', line: first }
			else seen.set(key, record.line)
		}
		return row
	})
	return { ok: true, encoding, delimiter, columns, rows }
}

/** Non-blank lines, for the "too many rows" message (quoted line breaks are rare enough to ignore). */
function countLines(text: string): number {
	let count = 0
	let blank = true
	for (let i = 0; i <= text.length; i++) {
		const char = text[i]
		if (char === undefined || char === '\n' || char === '\r') {
			if (!blank) count++
			blank = true
		} else if (char.trim() !== '' && char !== ',' && char !== ';' && char !== '\t') blank = false
	}
	return count
}

function rowProblem(record: CsvRecord, columns: Column[], row: CsvRow): RowProblem | null {
	if (record.unclosedQuote) return { code: 'unclosedQuote' }
	if (record.cells.length !== columns.length) return { code: 'cellCount', cells: record.cells.length, expected: columns.length }
	for (const [index, column] of columns.entries()) {
		if (FORMULA.test(record.cells[index]!.trimStart()) || FORMULA.test(record.cells[index]!)) return { code: 'formula', column }
	}
	if (!row.name) return { code: 'nameMissing' }
	if (!displayName.safeParse(row.name).success) return { code: 'nameInvalid' }
	if (row.login && !(isEmail(row.login) ? EMAIL.test(row.login) && row.login.length <= 254 : PUPIL_USERNAME.test(row.login))) return { code: 'loginInvalid' }
	return null
}
