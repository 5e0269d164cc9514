import { expect, test } from 'vitest'
import { readAnswerSheet } from '~/quiz/answer-sheet.ts'

const form = (entries: [string, string | Blob][]) => {
	const data = new FormData()
	for (const [name, value] of entries) data.append(name, value)
	return data
}

test('a sheet keeps the fields in order and its one token', () => {
	expect(readAnswerSheet(form([['token', 't1'], ['q-a', 'x'], ['q-a', 'y']]), 10)).toEqual({
		fields: [['token', 't1'], ['q-a', 'x'], ['q-a', 'y']],
		token: 't1',
	})
})

test('no token, or two, is a sheet without a token (the route says the form expired)', () => {
	expect(readAnswerSheet(form([['q-a', 'x']]), 10)?.token).toBeNull()
	expect(readAnswerSheet(form([['token', 't1'], ['token', 't2']]), 10)?.token).toBeNull()
})

test('a file or more fields than a sheet can have is not a sheet', () => {
	expect(readAnswerSheet(form([['token', 't1'], ['q-a', new Blob(['x'])]]), 10)).toBeNull()
	expect(readAnswerSheet(form([['token', 't1'], ['q-a', 'x'], ['q-b', 'y']]), 2)).toBeNull()
	expect(readAnswerSheet(form([['token', 't1'], ['q-a', 'x']]), 2)).not.toBeNull()
})
