import { describe, expect, test } from 'vitest'
import { loggablePath } from '~/server/observability.server.ts'

describe('loggablePath', () => {
	test.each([
		['/', '/'],
		['/courses/recognising-violence/lessons/what-is-violence', '/courses/recognising-violence/lessons/what-is-violence'],
		['/invite/3f9a0c1d2e4b5a6978', '/invite/:param'],
		['/certificates/QRG-7K2M-9XPA.pdf', '/certificates/:param'],
		['/verify/qrg7k2m9xpa', '/verify/:param'],
		['/orgs/school-no-1/groups/cmj2x0abc000108l4', '/orgs/school-no-1/groups/:param'],
		['/reset-password/aGVsbG8gd29ybGQ', '/reset-password/:param'],
		['/join/Айгерим', '/join/:param'],
		['/assets/entry.client-B1x2.js', '/assets/:param'],
		['/favicon.ico', '/favicon.ico'],
	])('%s → %s', (given, logged) => {
		expect(loggablePath(given)).toBe(logged)
	})
})
