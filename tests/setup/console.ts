// console.error fails a test unless the test said it expects one.
import { vi, type MockInstance } from 'vitest'

let consoleError: MockInstance<typeof console.error> | undefined
let allowed = false

export function allowConsoleError() {
	allowed = true
	consoleError?.mockImplementation(() => {})
}

export function watchConsoleError() {
	allowed = false
	consoleError = vi.spyOn(console, 'error')
}

export function assertNoUnexpectedConsoleError() {
	const calls = consoleError?.mock.calls ?? []
	consoleError?.mockRestore()
	if (!allowed && calls.length > 0) {
		throw new Error(`console.error was called:\n${calls.map((args) => args.map(String).join(' ')).join('\n')}`)
	}
}
