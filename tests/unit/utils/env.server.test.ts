import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { EnvError, parseEnv } from '~/utils/env.server.ts'

describe('parseEnv', () => {
	test('a fresh clone needs no environment', () => {
		const env = parseEnv({})
		expect(env).toMatchObject({ PORT: 3000, DEFAULT_LOCALE: 'kk', isDeployment: false })
		expect(env.databasePath).toBe(path.resolve('data/qorgau.db'))
	})

	test('DATABASE_URL names the SQLite file or a PostgreSQL database', () => {
		const sqlite = parseEnv({ DATABASE_URL: 'file:/var/lib/qorgau/q.db' })
		expect(sqlite.databasePath).toBe('/var/lib/qorgau/q.db')
		expect(sqlite.dataDir).toBe('/var/lib/qorgau')
		const postgres = parseEnv({ DATABASE_URL: 'postgresql://qorgau@db.internal:5432/qorgau', DATABASE_POOL_SIZE: '20' })
		expect(postgres.database).toEqual({ engine: 'postgresql', url: 'postgresql://qorgau@db.internal:5432/qorgau', poolSize: 20 })
		expect(postgres.databasePath).toBeUndefined()
		expect(postgres.dataDir).toBe(path.resolve('data'))
		expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must look like file:.* or postgresql:/)
	})

	test('a deployment logs requests and drains before it stops, unless told otherwise', () => {
		const deployment = { PUBLIC_URL: 'https://qorgau.example.org', SESSION_SECRET: 'x'.repeat(32), ISSUER_KEY_SEED: 'a1'.repeat(32) }
		expect(parseEnv({})).toMatchObject({ logRequests: false, shutdownDrainMs: 0 })
		expect(parseEnv(deployment)).toMatchObject({ logRequests: true, shutdownDrainMs: 5000 })
		expect(parseEnv({ ...deployment, LOG_REQUESTS: 'false', SHUTDOWN_DRAIN_MS: '200' })).toMatchObject({
			logRequests: false,
			shutdownDrainMs: 200,
		})
	})

	test('a deployment refuses to start without its secrets, naming them', () => {
		expect(() => parseEnv({ PUBLIC_URL: 'https://qorgau.example.org' })).toThrow(EnvError)
		expect(() => parseEnv({ QORGAU_DEPLOYMENT: 'true' })).toThrow(/must be set too: PUBLIC_URL, SESSION_SECRET, ISSUER_KEY_SEED$/)
		const secret = 'x'.repeat(32)
		expect(() => parseEnv({ QORGAU_DEPLOYMENT: 'true', SESSION_SECRET: secret, ISSUER_KEY_SEED: 'a1'.repeat(32) })).toThrow(/must be set too: PUBLIC_URL$/)
		expect(() => parseEnv({ PUBLIC_URL: 'ftp://qorgau.example.org', SESSION_SECRET: secret })).toThrow(/PUBLIC_URL must start with https:\/\/ or http:\/\//)
		expect(parseEnv({ ALLOWED_HOSTS: ' School.lan:3000, 10.0.0.5 ' }).ALLOWED_HOSTS).toEqual(['school.lan:3000', '10.0.0.5'])
		expect(() => parseEnv({ PUBLIC_URL: 'https://qorgau.example.org', SESSION_SECRET: secret })).toThrow(/must be set too: ISSUER_KEY_SEED$/)
		expect(parseEnv({ PUBLIC_URL: 'https://qorgau.example.org', SESSION_SECRET: secret, ISSUER_KEY_SEED: 'a1'.repeat(32) }).isDeployment).toBe(true)
	})

	test('the credential-signing key: a 32-byte hex seed; earlier public keys as multibase (decision 017)', () => {
		expect(() => parseEnv({ ISSUER_KEY_SEED: 'not-hex' })).toThrow(/ISSUER_KEY_SEED must be 64 hexadecimal characters/)
		expect(parseEnv({}).ISSUER_PREVIOUS_KEYS).toEqual([])
		const key = 'z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'
		expect(parseEnv({ ISSUER_PREVIOUS_KEYS: ` ${key} ,` }).ISSUER_PREVIOUS_KEYS).toEqual([key])
		expect(() => parseEnv({ ISSUER_PREVIOUS_KEYS: 'zQ3sh-not-ed25519' })).toThrow(/ISSUER_PREVIOUS_KEYS/)
	})

	test('every invalid value is reported in one message', () => {
		const parse = () => parseEnv({ PORT: 'eighty', DEFAULT_LOCALE: 'de', SESSION_SECRET: 'short' })
		expect(parse).toThrow(/PORT Expected number/)
		expect(parse).toThrow(/DEFAULT_LOCALE Invalid enum value/)
		expect(parse).toThrow(/SESSION_SECRET must be at least 32 characters/)
	})

	test('load shedding and body limits have validated defaults (decision 013)', () => {
		expect(parseEnv({})).toMatchObject({ MAX_CONCURRENT_REQUESTS: 16, MAX_QUEUED_REQUESTS: 128, MAX_BODY_KB: 1024 })
		expect(parseEnv({ MAX_CONCURRENT_REQUESTS: '8', MAX_QUEUED_REQUESTS: '0', MAX_BODY_KB: '256' })).toMatchObject({ MAX_CONCURRENT_REQUESTS: 8, MAX_QUEUED_REQUESTS: 0, MAX_BODY_KB: 256 })
		const parse = () => parseEnv({ MAX_CONCURRENT_REQUESTS: '0', MAX_QUEUED_REQUESTS: 'many', MAX_BODY_KB: '1' })
		expect(parse).toThrow(/MAX_CONCURRENT_REQUESTS Number must be greater than or equal to 1/)
		expect(parse).toThrow(/MAX_QUEUED_REQUESTS Expected number/)
		expect(parse).toThrow(/MAX_BODY_KB Number must be greater than or equal to 16/)
	})
})
