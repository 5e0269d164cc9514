import { afterEach, expect, test, vi } from 'vitest'

// publicOrigin reads the validated environment once per module instance.
async function originFor(env: Record<string, string>, url: string) {
	vi.resetModules()
	for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
	const { publicOrigin } = await import('~/utils/origin.server.ts')
	return publicOrigin(new Request(url))
}
afterEach(() => vi.unstubAllEnvs())

test('a deployment links to PUBLIC_URL whatever the Host header says', async () => {
	const env = { PUBLIC_URL: 'https://qorgau.example.org/', SESSION_SECRET: 'x'.repeat(32), ISSUER_KEY_SEED: 'a1'.repeat(32) }
	expect(await originFor(env, 'http://evil.example/reset-password')).toBe('https://qorgau.example.org')
	expect(await originFor(env, 'http://localhost:3000/')).toBe('https://qorgau.example.org')
})

test('outside a deployment only loopback hosts and ALLOWED_HOSTS are used for links', async () => {
	expect(await originFor({}, 'http://localhost:3000/x')).toBe('http://localhost:3000')
	expect(await originFor({}, 'http://127.0.0.1:41234/x')).toBe('http://127.0.0.1:41234')
	expect(await originFor({}, 'http://[::1]:8080/x')).toBe('http://[::1]:8080')
	expect(await originFor({}, 'http://qorgau.localhost/x')).toBe('http://qorgau.localhost')
	expect(await originFor({}, 'http://evil.example/reset-password')).toBe('http://localhost')
	expect(await originFor({}, 'http://evil.example:3000/x')).toBe('http://localhost:3000')
	expect(await originFor({}, 'http://127.0.0.1.evil.example/x')).toBe('http://localhost')
	expect(await originFor({}, 'http://localhost.evil.example/x')).toBe('http://localhost')
	expect(await originFor({ ALLOWED_HOSTS: 'school.lan,10.0.0.5:3000' }, 'http://school.lan:3000/x')).toBe('http://school.lan:3000')
	expect(await originFor({ ALLOWED_HOSTS: 'school.lan,10.0.0.5:3000' }, 'http://10.0.0.5:3000/x')).toBe('http://10.0.0.5:3000')
	expect(await originFor({ ALLOWED_HOSTS: 'school.lan,10.0.0.5:3000' }, 'http://10.0.0.5:4000/x')).toBe('http://localhost:4000')
})
