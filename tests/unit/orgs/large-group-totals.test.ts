import { beforeEach, expect, test } from 'vitest'
import { FRESH_FOR_MS, forgetLargeGroupTotals, largeGroupTotal, LIVE_UP_TO } from '~/models/large-group-totals.server.ts'

beforeEach(() => forgetLargeGroupTotals())

/** A count that says how often it ran, and can be made to fail or wait. */
function counter() {
	let runs = 0
	let fail = false
	let gate: Promise<void> = Promise.resolve()
	return {
		compute: async () => {
			runs++
			await gate
			if (fail) throw new Error('the database went away')
			return runs
		},
		runs: () => runs,
		failNext: (value: boolean) => (fail = value),
		hold: () => {
			let release!: () => void
			gate = new Promise((resolve) => (release = resolve))
			return release
		},
	}
}

test('a small group is counted on every page', async () => {
	const count = counter()
	expect(await largeGroupTotal('k', LIVE_UP_TO, count.compute, 0)).toEqual({ value: 1, countedAt: null })
	expect(await largeGroupTotal('k', LIVE_UP_TO, count.compute, 1)).toEqual({ value: 2, countedAt: null })
})

test('a large group: one count shared by pages at once, kept for a minute, then refreshed behind the last one', async () => {
	const count = counter()
	const release = count.hold()
	const together = Promise.all([largeGroupTotal('k', LIVE_UP_TO + 1, count.compute, 0), largeGroupTotal('k', LIVE_UP_TO + 1, count.compute, 5)])
	release()
	expect(await together).toEqual([
		{ value: 1, countedAt: new Date(0) },
		{ value: 1, countedAt: new Date(0) },
	])
	expect(await largeGroupTotal('k', LIVE_UP_TO + 1, count.compute, FRESH_FOR_MS - 1)).toEqual({ value: 1, countedAt: new Date(0) })
	expect(count.runs()).toBe(1)
	// Stale: this page gets the last count, and one new count starts, however many pages ask while it runs.
	const finish = count.hold()
	expect((await largeGroupTotal('k', LIVE_UP_TO + 1, count.compute, FRESH_FOR_MS)).value).toBe(1)
	expect((await largeGroupTotal('k', LIVE_UP_TO + 1, count.compute, FRESH_FOR_MS + 1)).value).toBe(1)
	expect(count.runs()).toBe(2)
	finish()
	await expect.poll(async () => (await largeGroupTotal('k', LIVE_UP_TO + 1, count.compute, FRESH_FOR_MS + 2)).value).toBe(2)
	expect((await largeGroupTotal('k', LIVE_UP_TO + 1, count.compute, FRESH_FOR_MS + 3)).countedAt).toEqual(new Date(FRESH_FOR_MS))
	// Another key (a new member, a new due date) is its own count.
	expect((await largeGroupTotal('other', LIVE_UP_TO + 1, count.compute, FRESH_FOR_MS + 4)).value).toBe(3)
})

test('a failed count is not kept: the page that asked sees the error, the next counts again', async () => {
	const count = counter()
	count.failNext(true)
	await expect(largeGroupTotal('k', LIVE_UP_TO + 1, count.compute, 0)).rejects.toThrow('the database went away')
	count.failNext(false)
	expect(await largeGroupTotal('k', LIVE_UP_TO + 1, count.compute, 1)).toEqual({ value: 2, countedAt: new Date(1) })
	// A failed refresh keeps the last good count and lets the next stale page try again.
	count.failNext(true)
	expect((await largeGroupTotal('k', LIVE_UP_TO + 1, count.compute, FRESH_FOR_MS + 1)).value).toBe(2)
	await expect.poll(() => count.runs()).toBe(3)
	count.failNext(false)
	await new Promise((resolve) => setTimeout(resolve, 0))
	expect((await largeGroupTotal('k', LIVE_UP_TO + 1, count.compute, FRESH_FOR_MS + 2)).value).toBe(2)
	await expect.poll(async () => (await largeGroupTotal('k', LIVE_UP_TO + 1, count.compute, FRESH_FOR_MS + 3)).value).toBe(4)
})
