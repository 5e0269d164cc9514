import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { ACCEPTED_HEADERS, decodeCsv, detectDelimiter, MAX_BYTES, MAX_ROWS, parseCsv, readEnrolmentCsv } from '~/orgs/csv.ts'

const utf8 = (text: string) => new TextEncoder().encode(text)
/** Windows-1251 bytes for Russian text (what Russian Excel writes for "CSV"). */
function cp1251(text: string): Uint8Array {
	return Uint8Array.from([...text].map((char) => {
		const code = char.codePointAt(0)!
		if (code < 0x80) return code
		if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0
		if (char === 'Ё') return 0xa8
		if (char === 'ё') return 0xb8
		throw new Error(`not in the test encoder: ${char}`)
	}))
}
const read = (text: string | Uint8Array) => {
	const result = readEnrolmentCsv(typeof text === 'string' ? utf8(text) : text)
	if (!result.ok) throw new Error(`file error ${result.error.code}`)
	return result
}
const fileError = (bytes: Uint8Array) => {
	const result = readEnrolmentCsv(bytes)
	return result.ok ? null : result.error
}

describe('decoding', () => {
	test('UTF-8 with and without a BOM, Windows-1251 and UTF-16 read the same', () => {
		const text = 'Имя;Класс\r\nЁлкин Пётр Щукин;7 А\r\n'
		const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)])
		const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Uint16Array.from([...text].map((c) => c.charCodeAt(0))).buffer)])
		const results = [utf8(text), withBom, cp1251(text), utf16].map((bytes) => decodeCsv(bytes))
		expect(results.map((result) => result.ok && result.encoding)).toEqual(['utf-8', 'utf-8', 'windows-1251', 'utf-16le'])
		for (const result of results) expect(result.ok && result.text).toBe(text)
		expect(read(cp1251(text)).rows[0]).toMatchObject({ name: 'Ёлкин Пётр Щукин', group: '7 А', problem: null })
	})

	test('a file in another Cyrillic encoding is not mistaken for Windows-1251', () => {
		// KOI8-R: small letters at 0xC0–0xDF in this order, capitals 0x20 above them.
		const order = 'юабцдефгхийклмнопярстужвьызшэщчъ'
		const koi8 = (text: string) =>
			Uint8Array.from([...text].map((char) => {
				const small = order.indexOf(char.toLowerCase())
				if (small === -1) return char.charCodeAt(0)
				return 0xc0 + small + (char === char.toLowerCase() ? 0 : 0x20)
			}))
		expect(fileError(koi8('Имя;Класс\nИван Петров;7 А\nМария Сидорова;7 А\n'))).toEqual({ code: 'encoding' })
		// Real Windows-1251 with capitals (ФИО, МакКензи) is still read.
		expect(read(cp1251('ФИО\nМакКензи Анна\nИванов Пётр\nСидорова Мария\n')).encoding).toBe('windows-1251')
	})

	test('any bytes at all: a file error or rows, never an exception', () => {
		const samples = [
			...Array.from({ length: 200 }, () => new Uint8Array(randomBytes(1 + Math.floor(Math.random() * 300)))),
			...Array.from({ length: 200 }, () => utf8(Array.from({ length: 60 }, () => 'name,;"\r\n=@Әa '[Math.floor(Math.random() * 13)]).join(''))),
		]
		for (const bytes of samples) expect(typeof readEnrolmentCsv(bytes).ok).toBe('boolean')
	})

	test('empty, binary and spreadsheet files are file errors, not rows', () => {
		expect(fileError(new Uint8Array())).toEqual({ code: 'empty' })
		expect(fileError(new Uint8Array([0xef, 0xbb, 0xbf]))).toEqual({ code: 'empty' })
		expect(fileError(utf8(' \r\n\r\n;;\r\n'))).toEqual({ code: 'empty' })
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])
		expect(fileError(png)).toEqual({ code: 'binary' })
		expect(fileError(new Uint8Array(randomBytes(4096)))).toEqual({ code: 'binary' })
		expect(fileError(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]))).toEqual({ code: 'spreadsheet' })
		expect(fileError(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toEqual({ code: 'spreadsheet' })
	})

	test('size and row limits give a clear error quickly', () => {
		const rows = (count: number) => `name\n${Array.from({ length: count }, (_, i) => `Pupil ${i}`).join('\n')}\n`
		const started = performance.now()
		expect(fileError(utf8(rows(10_000)))).toEqual({ code: 'tooManyRows', max: MAX_ROWS, count: 10_000 })
		expect(fileError(utf8(`name\n${'Әлия Серік\n'.repeat(60_000)}`))).toEqual({ code: 'tooLarge', max: MAX_BYTES })
		// Just under the size limit in the shortest rows, with blank lines between: parsing stops at the row limit.
		expect(fileError(utf8(`name\n${'a\n\n'.repeat(130_000)}`))).toEqual({ code: 'tooManyRows', max: MAX_ROWS, count: 130_000 })
		expect(performance.now() - started).toBeLessThan(2000)
		expect(read(rows(MAX_ROWS)).rows).toHaveLength(MAX_ROWS)
	})
})

describe('parsing', () => {
	test('the delimiter comes from the header line', () => {
		expect(detectDelimiter('name,group\n')).toBe(',')
		expect(detectDelimiter('name;group\nA, B;C')).toBe(';')
		expect(detectDelimiter('name\tgroup\n')).toBe('\t')
		expect(detectDelimiter('"a;b",c\n')).toBe(',')
		expect(detectDelimiter('name\n')).toBe(',')
	})

	test('RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quotes', () => {
		const records = parseCsv('name,group\r\n"Серік, Әлия","7 ""А"""\r\n"Line\nbreak",x\r\nlast,row', ',')
		expect(records.map((record) => record.cells)).toEqual([
			['name', 'group'],
			['Серік, Әлия', '7 "А"'],
			['Line\nbreak', 'x'],
			['last', 'row'],
		])
		expect(records.map((record) => record.line)).toEqual([1, 2, 3, 5])
		expect(parseCsv('a,"open\nb,c', ',').at(-1)).toMatchObject({ unclosedQuote: true })
	})

	test('headers in English, Russian and Kazakh, in any order', () => {
		expect(read('Class;ФИО;E-mail\n7 A;Анна Петрова;anna@example.org\n').rows[0]).toMatchObject({ name: 'Анна Петрова', login: 'anna@example.org', group: '7 A' })
		expect(read('аты-жөні,сынып,пайдаланушы аты\nӘлия Серік,7 Ә,Aliya.S\n').rows[0]).toMatchObject({ name: 'Әлия Серік', login: 'aliya.s', group: '7 Ә' })
		expect(read('Имя; Логин ;Группа\n Дияс   Нұрланов ;;\n').rows[0]).toMatchObject({ name: 'Дияс Нұрланов', login: '', group: '' })
	})

	test('missing, unknown and doubled columns', () => {
		expect(fileError(utf8('username,group\nx,y\n'))).toEqual({ code: 'noNameColumn' })
		expect(fileError(utf8('name,shoe size\nAnna,38\n'))).toEqual({ code: 'unknownColumn', column: 'shoe size' })
		expect(fileError(utf8('name,имя\nAnna,Anna\n'))).toEqual({ code: 'duplicateColumn', column: 'имя' })
		expect(fileError(utf8('name,group\n'))).toEqual({ code: 'noRows' })
	})
})

describe('rows', () => {
	const rows = read(
		[
			'name;username or email;group',
			'Әлия Серік;;7 A', // 2 fine
			'Дияс;dias', // 3 a cell missing
			'Мадина;madina;7 A;extra', // 4 a cell too many
			'=HYPERLINK("http://evil");;', // 5 formula in the name
			'Тимур;@timur;', // 6 formula-looking login
			'Никита;;+7 A', // 7 formula-looking group
			';nobody;', // 8 no name
			'<script>;;', // 9 not a name
			'Аружан;a b;', // 10 bad username
			'Аружан;not@an-email;', // 11 bad email
			'Әлия Серік;;7 a', // 12 the same as row 2
			'Анна;anna@example.org;', // 13 fine
			'Анна Петрова;ANNA@example.org;', // 14 the same login as row 13
			';;', // blank: skipped
			'Нұрлан "Ник" Ахмет;;', // 16 a quote inside an unquoted cell is kept
			'"Санжар;;', // 17 never closed
		].join('\n'),
	).rows
	const problems = Object.fromEntries(rows.map((row) => [row.line, row.problem]))

	test('every row gets its first problem, or none', () => {
		expect(rows.map((row) => row.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17])
		expect(problems[2]).toBeNull()
		expect(problems[3]).toEqual({ code: 'cellCount', cells: 2, expected: 3 })
		expect(problems[4]).toEqual({ code: 'cellCount', cells: 4, expected: 3 })
		expect(problems[5]).toEqual({ code: 'formula', column: 'name' })
		expect(problems[6]).toEqual({ code: 'formula', column: 'login' })
		expect(problems[7]).toEqual({ code: 'formula', column: 'group' })
		expect(problems[8]).toEqual({ code: 'nameMissing' })
		expect(problems[9]).toEqual({ code: 'nameInvalid' })
		expect(problems[10]).toEqual({ code: 'loginInvalid' })
		expect(problems[11]).toEqual({ code: 'loginInvalid' })
		expect(problems[12]).toEqual({ code: 'duplicate', line: 2 })
		expect(problems[13]).toBeNull()
		expect(problems[14]).toEqual({ code: 'duplicate', line: 13 })
		expect(problems[16]).toEqual({ code: 'nameInvalid' })
		expect(problems[17]).toEqual({ code: 'unclosedQuote' })
	})
})

test('the README documents every accepted header name', () => {
	const readme = readFileSync('README.md', 'utf8')
	for (const [column, names] of Object.entries(ACCEPTED_HEADERS)) {
		const row = readme.split('\n').find((line) => line.startsWith(`  | ${column === 'login' ? 'username or email' : column} |`))
		expect(row?.split('|').at(-2)?.trim()).toBe(names.join(', '))
	}
})
