// Flash messages over the real server, with a browser's cookie handling: after an action the
// address carries no status flag, the next page shows the message once, and a reload does not.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'

vi.hoisted(() => {
	// The server and this process sign cookies with one secret.
	process.env.SESSION_SECRET = 'flash-suite-secret-'.padEnd(48, 'f')
})

import { createSession } from '~/auth/session.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { createGroup, createOrganisation, createUser } from '~/models/factories.server.ts'
import { startServerOnTestDatabase, type RunningServer } from '../setup/server.ts'

let server: RunningServer

beforeAll(async () => {
	server = await startServerOnTestDatabase()
})

afterAll(async () => {
	await server?.stop()
})

/** Cookies as a browser keeps them: set, replaced, and dropped when they expire at once. */
function cookieJar(initial: Record<string, string> = {}) {
	const cookies = new Map(Object.entries(initial))
	return {
		header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
		take(response: Response) {
			for (const line of response.headers.getSetCookie()) {
				const [pair = '', ...attributes] = line.split(';')
				const [name = '', value = ''] = pair.split(/=(.*)/s)
				const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /^\s*expires=Thu, 01 Jan 1970/i.test(attribute))
				if (expired) cookies.delete(name.trim())
				else cookies.set(name.trim(), value)
			}
		},
	}
}

async function send(jar: ReturnType<typeof cookieJar>, path: string, form?: Record<string, string>) {
	const response = await fetch(`${server.url}${path}`, {
		method: form ? 'POST' : 'GET',
		redirect: 'manual',
		headers: { Cookie: jar.header(), ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
		body: form ? new URLSearchParams(form) : undefined,
	})
	jar.take(response)
	return response
}

const STATUS = /<p class="[^"]*flash[^"]*" role="status">([^<]*)<\/p>/

describe('flash messages', () => {
	test.each([
		['en', 'You have joined the group.'],
		['ru', 'Вы присоединились к группе.'],
		['kk', 'Сіз топқа қосылдыңыз.'],
	])('joining a class (%s): no flag in the address; the message once, in the language, not on reload', async (locale, text) => {
		const owner = await createUser(prisma)
		const org = await createOrganisation(prisma, { ownerId: owner.id })
		const joinCode = `J${randomBytes(4).toString('hex').toUpperCase()}`
		await createGroup(prisma, org.id, { joinCode })
		const learner = await createUser(prisma, { locale })
		const jar = cookieJar({ qs: (await createSession(learner.id)).split(';')[0]!.split(/=(.*)/s)[1]! })
		await send(jar, `/?lng=${locale}`)

		const joined = await send(jar, '/join', { code: joinCode })
		expect(joined.status).toBe(302)
		expect(joined.headers.get('Location')).toBe('/')

		const first = await (await send(jar, '/')).text()
		expect(STATUS.exec(first)?.[1]).toBe(text)
		const reload = await (await send(jar, '/')).text()
		expect(reload).not.toContain(text)
		expect(STATUS.test(reload)).toBe(false)
	})

	test('a forged or unknown message is not shown', async () => {
		const page = await (await fetch(`${server.url}/?lng=en`, { headers: { Cookie: `flash=${encodeURIComponent(btoa(JSON.stringify('<b>hi</b>')))}` } })).text()
		expect(STATUS.test(page)).toBe(false)
	})
})
