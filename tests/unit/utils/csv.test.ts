import { expect, test } from 'vitest'
import { csvCell, toCsv } from '~/utils/csv.ts'

test('cells are quoted, quotes doubled, empty values empty', () => {
	expect(csvCell('Әсел "Аса"')).toBe('"Әсел ""Аса"""')
	expect(csvCell(null)).toBe('""')
	expect(csvCell(undefined)).toBe('""')
	expect(csvCell(42)).toBe('"42"')
})

test('text that a spreadsheet would run as a formula is made inert', () => {
	for (const formula of ['=1+1', '+7', '-3', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(formula)).toBe(`"'${formula}"`)
	// Numbers are values, not text typed by someone: a negative score stays a number.
	expect(csvCell(-3)).toBe('"-3"')
	expect(csvCell('a=b')).toBe('"a=b"')
})

test('a table starts with a BOM, separates cells with semicolons and uses CRLF', () => {
	expect(toCsv(['Аты', 'Score'], [['Dias', 3], ['Madina', null]])).toBe('\uFEFF"Аты";"Score"\r\n"Dias";"3"\r\n"Madina";""\r\n')
})
