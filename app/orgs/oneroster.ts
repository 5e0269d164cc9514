// Reading a OneRoster 1.2 CSV bulk zip (1EdTech OneRoster 1.2, CSV binding; 1.1 files are read
// too) as a school information system exports it: manifest.csv, orgs.csv, users.csv,
// classes.csv, enrollments.csv, and when the manifest lists them roles.csv, courses.csv and
// academicSessions.csv. Pure: no database. Any broken file refuses the whole zip with the file
// and line, so an import never half-happens; what the roster means for the organisation is
// app/models/oneroster.server.ts (decision 023).
import { unzipSync } from 'fflate'
import { displayName } from '~/utils/account-fields.ts'
import { parseCsv } from '~/orgs/csv.ts'
import { MAX_ROWS } from '~/orgs/csv.ts'
import { PUPIL_USERNAME } from '~/orgs/usernames.ts'

// The confirmation sends the zip back (base64, a third larger) within the server's 1 MB body
// limit; a roster of 500 pupils with their classes is about 30 KB zipped.
export const MAX_ZIP_BYTES = 500_000
/** Uncompressed, as the zip's directory declares it, checked before anything is inflated. */
export const MAX_FILE_BYTES = 4_000_000
const MAX_TOTAL_BYTES = 12_000_000
const MAX_ENTRIES = 40
/** New pupil accounts cost an argon2id hash each: the same cap as a CSV enrolment (decision 014). */
export const MAX_STUDENTS = MAX_ROWS
const MAX_RECORDS: Record<RosterFile, number> = {
	'manifest.csv': 100,
	'orgs.csv': 200,
	'users.csv': 5_000,
	'roles.csv': 10_000,
	'classes.csv': 1_000,
	'enrollments.csv': 20_000,
	'courses.csv': 1_000,
	'academicSessions.csv': 200,
}

const ROSTER_FILES = ['manifest.csv', 'orgs.csv', 'users.csv', 'roles.csv', 'classes.csv', 'enrollments.csv', 'courses.csv', 'academicSessions.csv'] as const
type RosterFile = (typeof ROSTER_FILES)[number]
const REQUIRED_FILES: RosterFile[] = ['orgs.csv', 'users.csv', 'classes.csv', 'enrollments.csv']

// The columns each file must have (OneRoster 1.2 CSV tables; "Required" columns of bulk files).
// Other columns, including 1.1's and metadata.* extensions, are read by name or ignored.
const REQUIRED_COLUMNS: Record<RosterFile, string[]> = {
	'manifest.csv': ['propertyName', 'value'],
	'orgs.csv': ['sourcedId', 'name', 'type'],
	'users.csv': ['sourcedId', 'enabledUser', 'username', 'givenName', 'familyName'],
	'roles.csv': ['sourcedId', 'userSourcedId', 'roleType', 'role', 'orgSourcedId'],
	'classes.csv': ['sourcedId', 'title', 'courseSourcedId', 'classType', 'schoolSourcedId', 'termSourcedIds'],
	'enrollments.csv': ['sourcedId', 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role'],
	'courses.csv': ['sourcedId', 'title', 'orgSourcedId'],
	'academicSessions.csv': ['sourcedId', 'title', 'type', 'startDate', 'endDate', 'schoolYear'],
}

export type RosterError =
	| { code: 'noFile' }
	| { code: 'notZip' }
	| { code: 'tooLarge'; max: number }
	| { code: 'unpackedTooLarge'; file: string; max: number }
	| { code: 'missingFile'; file: string }
	| { code: 'manifestAbsent'; file: string }
	| { code: 'delta'; file: string }
	| { code: 'version'; version: string }
	| { code: 'notUtf8'; file: string }
	| { code: 'missingColumn'; file: string; column: string }
	| { code: 'duplicateColumn'; file: string; column: string }
	| { code: 'noRows'; file: string }
	| { code: 'tooManyRows'; file: string; max: number }
	| { code: 'tooManyStudents'; max: number; count: number }
	| { code: 'row'; file: string; line: number; problem: RowProblem }

export type RowProblem =
	| { code: 'cellCount'; cells: number; expected: number }
	| { code: 'unclosedQuote' }
	| { code: 'missing'; column: string }
	| { code: 'formula'; column: string }
	| { code: 'duplicateId'; sourcedId: string; first: number }
	| { code: 'unknownRef'; column: string; sourcedId: string; file: string }
	| { code: 'nameInvalid' }
	| { code: 'titleInvalid' }

type RosterClass = { sourcedId: string; title: string; line: number }
type RosterStudent = { sourcedId: string; name: string; username: string | null; email: string | null; line: number }
/** Someone in the roster who is not imported (teachers and other staff are invited, not created). */
type RosterOther = { sourcedId: string; name: string; role: string; line: number }
export type Roster = {
	version: string
	classes: RosterClass[]
	students: RosterStudent[]
	/** Student enrolments: each pair once, both ends present in the roster. */
	enrolments: { classSourcedId: string; userSourcedId: string; line: number }[]
	others: RosterOther[]
}
type RosterResult = { ok: true; roster: Roster } | { ok: false; error: RosterError }

type Table = { file: RosterFile; rows: { line: number; get: (column: string) => string }[] }

class Refusal extends Error {
	constructor(readonly error: RosterError) {
		super(error.code)
	}
}
const refuse = (error: RosterError): never => {
	throw new Refusal(error)
}

// Cells a spreadsheet would run as a formula when our exports show them again (CSV injection).
// Only the columns we keep are checked: a phone number "+7 701 …" in a column we ignore is fine.
const FORMULA = /^[=+\-@\t\r]/
const KEPT_COLUMNS = new Set(['givenName', 'familyName', 'username', 'email', 'title'])
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/
const TITLE = /^[^<>\p{C}]+$/u

export function readRosterZip(bytes: Uint8Array): RosterResult {
	try {
		return { ok: true, roster: readRoster(unpack(bytes)) }
	} catch (error) {
		if (error instanceof Refusal) return { ok: false, error: error.error }
		throw error
	}
}

/**
 * The roster's files, by name. Sizes are the ones the zip's central directory declares, checked
 * before inflating; fflate inflates into a buffer of exactly the declared size, so a zip bomb
 * that lies about its size is cut off there instead of filling memory.
 */
function unpack(bytes: Uint8Array): Map<RosterFile, Uint8Array> {
	if (bytes.length > MAX_ZIP_BYTES) refuse({ code: 'tooLarge', max: MAX_ZIP_BYTES })
	if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) refuse({ code: 'notZip' })
	let entries = 0
	let total = 0
	let unpacked: Record<string, Uint8Array>
	try {
		unpacked = unzipSync(bytes, {
			filter: (entry) => {
				if (++entries > MAX_ENTRIES) refuse({ code: 'notZip' })
				const name = baseName(entry.name)
				if (!name) return false
				if (entry.originalSize > MAX_FILE_BYTES) refuse({ code: 'unpackedTooLarge', file: name, max: MAX_FILE_BYTES })
				total += entry.originalSize
				if (total > MAX_TOTAL_BYTES) refuse({ code: 'unpackedTooLarge', file: name, max: MAX_TOTAL_BYTES })
				return true
			},
		})
	} catch (error) {
		if (error instanceof Refusal) throw error
		return refuse({ code: 'notZip' })
	}
	const files = new Map<RosterFile, Uint8Array>()
	for (const [path, content] of Object.entries(unpacked)) {
		const name = baseName(path)
		if (name && !files.has(name)) files.set(name, content)
	}
	return files
}

/** A roster file at the top of the zip or in one folder (some exports zip their folder); macOS's __MACOSX copies are not. */
function baseName(path: string): RosterFile | null {
	if (path.startsWith('__MACOSX/')) return null
	const parts = path.split('/')
	if (parts.length > 2) return null
	return (ROSTER_FILES as readonly string[]).includes(parts.at(-1)!) ? (parts.at(-1) as RosterFile) : null
}

function readRoster(files: Map<RosterFile, Uint8Array>): Roster {
	const manifest = readManifest(files)
	const table = (file: RosterFile) => readTable(file, files.get(file)!)
	const optional = (file: RosterFile) => (manifest.get(file) === 'bulk' ? table(file) : null)

	const orgs = ids(table('orgs.csv'))
	const courses = optional('courses.csv')
	const sessions = optional('academicSessions.csv')
	const courseIds = courses ? ids(courses) : null
	const sessionIds = sessions ? ids(sessions) : null
	const users = table('users.csv')
	const userIds = ids(users)
	const roles = optional('roles.csv')

	// A person's role: roles.csv in 1.2 (the primary one first), else 1.1's role column of users.csv.
	const roleOf = new Map<string, string>()
	if (roles) {
		ids(roles)
		const sorted = [...roles.rows].sort((a, b) => Number(b.get('roleType') === 'primary') - Number(a.get('roleType') === 'primary'))
		for (const row of roles.rows) {
			const user = row.get('userSourcedId')
			if (!userIds.has(user)) rowRefusal(roles, row.line, { code: 'unknownRef', column: 'userSourcedId', sourcedId: user, file: 'users.csv' })
			if (!orgs.has(row.get('orgSourcedId'))) rowRefusal(roles, row.line, { code: 'unknownRef', column: 'orgSourcedId', sourcedId: row.get('orgSourcedId'), file: 'orgs.csv' })
		}
		for (const row of sorted) if (!roleOf.has(row.get('userSourcedId')) && active(row)) roleOf.set(row.get('userSourcedId'), row.get('role'))
	}

	const classes = table('classes.csv')
	const classIds = ids(classes)
	const rosterClasses: RosterClass[] = []
	for (const row of classes.rows) {
		const school = row.get('schoolSourcedId')
		if (!orgs.has(school)) rowRefusal(classes, row.line, { code: 'unknownRef', column: 'schoolSourcedId', sourcedId: school, file: 'orgs.csv' })
		const course = row.get('courseSourcedId')
		if (courseIds && !courseIds.has(course)) rowRefusal(classes, row.line, { code: 'unknownRef', column: 'courseSourcedId', sourcedId: course, file: 'courses.csv' })
		if (sessionIds) {
			for (const term of splitList(row.get('termSourcedIds'))) {
				if (!sessionIds.has(term)) rowRefusal(classes, row.line, { code: 'unknownRef', column: 'termSourcedIds', sourcedId: term, file: 'academicSessions.csv' })
			}
		}
		const title = row.get('title').replace(/\s+/g, ' ')
		if (title.length > 80 || !TITLE.test(title)) rowRefusal(classes, row.line, { code: 'titleInvalid' })
		if (active(row)) rosterClasses.push({ sourcedId: row.get('sourcedId'), title, line: row.line })
	}

	const enrollments = table('enrollments.csv')
	ids(enrollments)
	const enrolledAs = new Map<string, string>()
	for (const row of enrollments.rows) {
		if (!classIds.has(row.get('classSourcedId'))) rowRefusal(enrollments, row.line, { code: 'unknownRef', column: 'classSourcedId', sourcedId: row.get('classSourcedId'), file: 'classes.csv' })
		if (!userIds.has(row.get('userSourcedId'))) rowRefusal(enrollments, row.line, { code: 'unknownRef', column: 'userSourcedId', sourcedId: row.get('userSourcedId'), file: 'users.csv' })
		if (!orgs.has(row.get('schoolSourcedId'))) rowRefusal(enrollments, row.line, { code: 'unknownRef', column: 'schoolSourcedId', sourcedId: row.get('schoolSourcedId'), file: 'orgs.csv' })
		if (active(row) && !enrolledAs.has(row.get('userSourcedId'))) enrolledAs.set(row.get('userSourcedId'), row.get('role'))
	}

	const students: RosterStudent[] = []
	const others: RosterOther[] = []
	const studentIds = new Set<string>()
	for (const row of users.rows) {
		if (!active(row) || row.get('enabledUser').toLowerCase() === 'false') continue
		const sourcedId = row.get('sourcedId')
		// Without roles.csv or a role column (1.2 files may leave both out), enrollments.csv says what the person is.
		const role = roleOf.get(sourcedId) ?? (row.get('role') || enrolledAs.get(sourcedId) || '')
		const name = [row.get('givenName'), row.get('familyName')].filter(Boolean).join(' ').replace(/\s+/g, ' ')
		if (role !== 'student') {
			others.push({ sourcedId, name: name.slice(0, 60), role: role || 'unknown', line: row.line })
			continue
		}
		if (!displayName.safeParse(name).success) rowRefusal(users, row.line, { code: 'nameInvalid' })
		const username = row.get('username').toLowerCase()
		const email = row.get('email').toLowerCase()
		students.push({
			sourcedId,
			name,
			username: PUPIL_USERNAME.test(username) ? username : null,
			email: EMAIL.test(email) && email.length <= 254 ? email : EMAIL.test(username) && username.length <= 254 ? username : null,
			line: row.line,
		})
		studentIds.add(sourcedId)
	}
	if (students.length > MAX_STUDENTS) refuse({ code: 'tooManyStudents', max: MAX_STUDENTS, count: students.length })

	const activeClasses = new Set(rosterClasses.map((c) => c.sourcedId))
	const seen = new Set<string>()
	const enrolments: Roster['enrolments'] = []
	for (const row of enrollments.rows) {
		const pair = `${row.get('classSourcedId')}\u0000${row.get('userSourcedId')}`
		if (!active(row) || row.get('role') !== 'student' || !studentIds.has(row.get('userSourcedId')) || !activeClasses.has(row.get('classSourcedId')) || seen.has(pair)) continue
		seen.add(pair)
		enrolments.push({ classSourcedId: row.get('classSourcedId'), userSourcedId: row.get('userSourcedId'), line: row.line })
	}
	return { version: manifest.version, classes: rosterClasses, students, enrolments, others }
}

/** The manifest's version and the mode of each file; required files must be there in bulk. */
function readManifest(files: Map<RosterFile, Uint8Array>): Map<RosterFile, string> & { version: string } {
	if (!files.has('manifest.csv')) refuse({ code: 'missingFile', file: 'manifest.csv' })
	const manifest = readTable('manifest.csv', files.get('manifest.csv')!, false)
	const properties = new Map(manifest.rows.map((row) => [row.get('propertyName'), row.get('value')]))
	const version = properties.get('oneroster.version') ?? ''
	if (version !== '1.2' && version !== '1.1') refuse({ code: 'version', version: version.slice(0, 20) })
	const modes = new Map<RosterFile, string>() as Map<RosterFile, string> & { version: string }
	modes.version = version
	for (const file of ROSTER_FILES) {
		if (file === 'manifest.csv') continue
		const mode = (properties.get(`file.${file.replace(/\.csv$/, '')}`) ?? 'absent').toLowerCase()
		modes.set(file, mode)
		if (mode === 'delta') refuse({ code: 'delta', file })
		if (REQUIRED_FILES.includes(file) && mode !== 'bulk') refuse({ code: 'manifestAbsent', file })
		if (mode === 'bulk' && !files.has(file)) refuse({ code: 'missingFile', file })
	}
	return modes
}

function readTable(file: RosterFile, bytes: Uint8Array, checkIds = true): Table {
	let text: string
	try {
		text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
	} catch {
		return refuse({ code: 'notUtf8', file })
	}
	const records = parseCsv(text, ',', MAX_RECORDS[file] + 1)
	const header = records.shift()
	if (!header) return refuse({ code: 'noRows', file })
	const columns = header.cells.map((cell) => cell.trim())
	for (const [index, column] of columns.entries()) {
		if (columns.indexOf(column) !== index) refuse({ code: 'duplicateColumn', file, column: column.slice(0, 40) })
	}
	for (const column of REQUIRED_COLUMNS[file]) if (!columns.includes(column)) refuse({ code: 'missingColumn', file, column })
	if (records.length > MAX_RECORDS[file]) refuse({ code: 'tooManyRows', file, max: MAX_RECORDS[file] })
	const table: Table = { file, rows: [] }
	for (const record of records) {
		if (record.unclosedQuote) rowRefusal(table, record.line, { code: 'unclosedQuote' })
		if (record.cells.length !== columns.length) rowRefusal(table, record.line, { code: 'cellCount', cells: record.cells.length, expected: columns.length })
		const cells = record.cells.map((cell) => cell.trim())
		for (const [index, cell] of cells.entries()) {
			if (KEPT_COLUMNS.has(columns[index]!) && FORMULA.test(cell)) rowRefusal(table, record.line, { code: 'formula', column: columns[index]! })
		}
		const get = (column: string) => {
			const index = columns.indexOf(column)
			return index === -1 ? '' : cells[index]!
		}
		if (checkIds) {
			for (const column of ['sourcedId', ...REQUIRED_COLUMNS[file].filter((c) => c.endsWith('SourcedId'))]) {
				if (!get(column)) rowRefusal(table, record.line, { code: 'missing', column })
			}
		}
		table.rows.push({ line: record.line, get })
	}
	return table
}

/** The table's sourcedIds (each once). */
function ids(table: Table): Set<string> {
	const first = new Map<string, number>()
	for (const row of table.rows) {
		const id = row.get('sourcedId')
		const earlier = first.get(id)
		if (earlier !== undefined) rowRefusal(table, row.line, { code: 'duplicateId', sourcedId: id.slice(0, 60), first: earlier })
		first.set(id, row.line)
	}
	return new Set(first.keys())
}

/** Bulk files may carry rows marked for deletion: they are not imported (nothing is ever deleted by an import). */
const active = (row: Table['rows'][number]) => row.get('status').toLowerCase() !== 'tobedeleted'

const splitList = (cell: string) =>
	cell
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean)

function rowRefusal(table: Table, line: number, problem: RowProblem): never {
	const clip = <T extends RowProblem>(p: T): T => ('sourcedId' in p ? { ...p, sourcedId: p.sourcedId.slice(0, 60) } : p)
	return refuse({ code: 'row', file: table.file, line, problem: clip(problem) })
}
