// A workplace speaks of teams, staff and administrators (decision 020): every page of one, as its
// owner, its report viewer and a member of its staff, in kk, ru and en, over the real server, and
// the invitation mail. What a person reads — text and the labels of controls — must hold no
// school word.
import { afterAll, beforeAll, expect, test, vi } from 'vitest'

vi.hoisted(() => {
	process.env.SESSION_SECRET = 'workplace-words-secret-'.padEnd(48, 'w')
})

import { randomBytes } from 'node:crypto'
import { mailInvitation } from '~/models/invitation-mail.server.ts'
import { createInvitation } from '~/models/invitations.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { queuedMails } from '../setup/mail.ts'
import { startServerOnTestDatabase, type RunningServer } from '../setup/server.ts'
import { buildWorld, type World } from '../setup/world.ts'

const SCHOOL_WORDS = /\b(pupils?|teachers?|class(es)?|school)\b|ученик|учител|класс|школ|оқушы|мұғалім|сынып|мектеп/iu
const LOCALES = ['kk', 'ru', 'en'] as const

let server: RunningServer
let world: World
let invitationToken: string

beforeAll(async () => {
	world = await buildWorld('workplace')
	await prisma.organisation.update({ where: { id: world.org.id }, data: { aggregateOnly: true } })
	invitationToken = (await createInvitation(world.org, { email: `words-${world.tag}@example.org`, name: 'Aigul Staff', role: 'learner', groupId: world.group.id }, world.owner.id))!.token
	server = await startServerOnTestDatabase()
})

afterAll(async () => {
	await server?.stop()
})

/** What a reader meets: text outside scripts and styles, and the labels and values of controls. */
function readable(html: string): string {
	const body = html.replace(/<script[\s\S]*?<\/script>/gi, ' ').replace(/<style[\s\S]*?<\/style>/gi, ' ')
	const labels = [...body.matchAll(/\s(?:aria-label|title|placeholder|alt|value)="([^"]*)"/g)].map((match) => match[1])
	return `${body.replace(/<[^>]+>/g, ' ')} ${labels.join(' ')}`.replace(/&[a-z]+;|&#\d+;/g, ' ')
}

const pages = (w: World) => [
	{ who: 'owner', path: `/orgs/${w.org.slug}` },
	{ who: 'owner', path: `/orgs/${w.org.slug}/groups/${w.group.id}` },
	{ who: 'owner', path: `/orgs/${w.org.slug}/groups/${w.group.id}/poster` },
	{ who: 'owner', path: `/orgs/${w.org.slug}/members` },
	{ who: 'owner', path: `/orgs/${w.org.slug}/settings` },
	{ who: 'owner', path: `/orgs/${w.org.slug}/certificates` },
	{ who: 'owner', path: `/orgs/${w.org.slug}/invitations` },
	{ who: 'admin', path: `/orgs/${w.org.slug}/groups/${w.group.id}` },
	{ who: 'viewer', path: `/orgs/${w.org.slug}` },
	{ who: 'viewer', path: `/orgs/${w.org.slug}/groups/${w.group.id}` },
	{ who: 'pupil', path: '/account' },
	{ who: 'anonymous', path: () => `/invitations/${invitationToken}` },
]

test.each(LOCALES)('no school word on a workplace page, in %s', async (locale) => {
	const found: string[] = []
	for (const page of pages(world)) {
		const target = typeof page.path === 'function' ? page.path() : page.path
		const cookie = world.cookies[page.who as keyof World['cookies']]
		const response = await fetch(`${server.url}${target}?lng=${locale}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' })
		expect({ target, who: page.who, status: response.status }).toEqual({ target, who: page.who, status: 200 })
		const text = readable(await response.text())
		const match = text.match(SCHOOL_WORDS)
		if (match) found.push(`${page.who} ${target}: “…${text.slice(Math.max(0, (match.index ?? 0) - 60), (match.index ?? 0) + 40).replace(/\s+/g, ' ')}…”`)
	}
	expect(found).toEqual([])
})

test.each(LOCALES)('the invitation mail of a workplace holds no school word, in %s', async (locale) => {
	const to = `mail-${locale}-${randomBytes(3).toString('hex')}@example.org`
	await mailInvitation('https://qorgau.example', { name: 'Alpha Works', kind: 'workplace', locale }, { email: to, name: 'Aigul', role: 'learner', token: 'x'.repeat(43) })
	const written = await queuedMails(to)
	expect(written).toHaveLength(1)
	const mail = written[0]!
	expect(mail).toContain('/invitations/')
	expect(mail).not.toMatch(SCHOOL_WORDS)
})
