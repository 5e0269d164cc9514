import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { EnvError, parseEnv } from '~/utils/env.server.ts'

describe('parseEnv', () => {
	test('a fresh clone needs no environment', () => {
		const env = parseEnv({})
		expect(env).toMatchObject({ PORT: 3000, DEFAULT_LOCALE: 'kk', isDeployment: false })
		expect(env.databasePath).toBe(path.resolve('data/qorgau.db'))
	})

	test('DATABASE_URL names the SQLite file', () => {
		expect(parseEnv({ DATABASE_URL: 'file:/var/lib/qorgau/q.db' }).databasePath).toBe('/var/lib/qorgau/q.db')
		expect(() => parseEnv({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL must look like file:/)
	})

	test('a deployment refuses to start without its secrets, naming them', () => {
		expect(() => parseEnv({ PUBLIC_URL: 'https://qorgau.example.org' })).toThrow(EnvError)
		expect(() => parseEnv({ QORGAU_DEPLOYMENT: 'true' })).toThrow(/must be set too: SESSION_SECRET/)
		const secret = 'x'.repeat(32)
		expect(parseEnv({ PUBLIC_URL: 'https://qorgau.example.org', SESSION_SECRET: secret }).isDeployment).toBe(true)
	})

	test('every invalid value is reported in one message', () => {
		const parse = () => parseEnv({ PORT: 'eighty', DEFAULT_LOCALE: 'de', SESSION_SECRET: 'short' })
		expect(parse).toThrow(/PORT Expected number/)
		expect(parse).toThrow(/DEFAULT_LOCALE Invalid enum value/)
		expect(parse).toThrow(/SESSION_SECRET must be at least 32 characters/)
	})
})
