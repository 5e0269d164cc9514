import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { applyPlan, planEnrolment } from '~/models/enrolment.server.ts'
import { createSession } from '~/auth/session.server.ts'
import * as enrolRoute from '~/routes/orgs.$org.groups.$group_.enrol.tsx'
import * as pupilsRoute from '~/routes/orgs.$org.groups.$group_.pupils.tsx'
import * as loginRoute from '~/routes/login.tsx'
import { prisma } from '~/utils/db.server.ts'
import { createGroup, createOrganisation, createPupil, createUser } from '~/models/factories.server.ts'
import { get, thrown, signedInUserId } from '../setup/requests.ts'

const unique = () => randomBytes(4).toString('hex')
let ipCounter = 0
const context = () => ({ clientIp: `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}` })

async function signedIn(displayName = `User ${unique()}`) {
	const user = await createUser(prisma, { displayName })
	return { id: user.id, headers: { Cookie: (await createSession(user.id)).split(';')[0]! } }
}

/** An organisation with its owner (a teacher) and a class "7 A"; every call a new one. */
async function school() {
	const teacher = await signedIn('Aigerim')
	const org = await createOrganisation(prisma, { ownerId: teacher.id })
	const group = await createGroup(prisma, org.id, { name: '7 A' })
	const params = { org: org.slug, group: group.id }
	return { teacher, org, group, params }
}

const form = (url: string, fields: [string, string][], headers: Record<string, string>) =>
	new Request(`http://localhost${url}`, { method: 'POST', body: new URLSearchParams(fields), headers })

function upload(fields: Record<string, string | Blob>, headers: Record<string, string>) {
	const body = new FormData()
	for (const [name, value] of Object.entries(fields)) {
		if (value instanceof Blob) body.append(name, value, 'pupils.csv')
		else body.append(name, value)
	}
	return new Request('http://localhost/orgs/x/groups/y/enrol?lng=en', { method: 'POST', body, headers })
}

type Reply<T> = { data: T; init: ResponseInit | null }
/** What a route's data() reply holds: its value, status and headers. */
function reply<T>(result: unknown) {
	const { data, init } = result as Reply<T>
	return { data, status: init?.status ?? 200, headers: new Headers(init?.headers) }
}

type Cards = { cards: { name: string; username: string; pin: string }[] | null; errors: string[] | null; notice: string | null; sheet: { orgCode: string; signInUrl: string; qr: string } | null }

async function createViaPage(params: { org: string; group: string }, headers: Record<string, string>, names: string) {
	return reply<Cards>(await pupilsRoute.action({ request: form('/x?lng=en', [['intent', 'create'], ['names', names]], headers), params, context: {} }))
}

async function pupilSignIn(orgCode: string, username: string, pin: string) {
	const result = await loginRoute.action({ request: form('/login', [['intent', 'pupil'], ['orgCode', orgCode], ['username', username], ['pin', pin]], {}), params: {}, context: context() })
	return result instanceof Response ? result : null
}

const counts = () => Promise.all([prisma.user.count(), prisma.membership.count(), prisma.groupMember.count(), prisma.password.count()])

describe('pupil accounts and login cards', () => {
	test('a teacher creates accounts from names; each card signs its pupil in', async () => {
		const { teacher, org, group, params } = await school()
		const created = await createViaPage(params, teacher.headers, 'Әлия Серік\r\n\r\n  Дияс   Нұрланов \nАлия Серик\n')
		expect(created.status).toBe(200)
		expect(created.headers.get('Cache-Control')).toBe('no-store')
		const cards = created.data.cards!
		expect(cards.map((card) => [card.name, card.username])).toEqual([
			['Әлия Серік', 'aliya.serik'],
			['Дияс Нұрланов', 'diyas.nurlanov'],
			['Алия Серик', 'aliya.serik2'],
		])
		for (const card of cards) expect(card.pin).toMatch(/^\d{6}$/)
		expect(created.data.sheet).toMatchObject({ orgCode: org.code, signInUrl: `http://localhost/login?school=${org.code}` })
		expect(created.data.sheet!.qr).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/)

		// Stored as argon2id hashes only; members of the organisation (learners) and the class.
		const stored = await prisma.user.findMany({
			where: { pupilOrgId: org.id },
			select: { locale: true, password: { select: { hash: true } }, memberships: { select: { orgId: true, role: true } }, groupMemberships: { select: { groupId: true } } },
		})
		expect(stored).toHaveLength(3)
		for (const pupil of stored) {
			expect(pupil.password!.hash).toMatch(/^\$argon2id\$/)
			expect(cards.some((card) => pupil.password!.hash.includes(card.pin))).toBe(false)
			expect(pupil.memberships).toEqual([{ orgId: org.id, role: 'learner' }])
			expect(pupil.groupMemberships).toEqual([{ groupId: group.id }])
		}

		const response = await pupilSignIn(org.code, cards[1]!.username, cards[1]!.pin)
		expect(response?.status).toBe(302)
		const pupilId = await signedInUserId(get('/', { Cookie: response!.headers.getSetCookie().find((c) => c.startsWith('qs='))!.split(';')[0]! }))
		expect(await prisma.user.findUnique({ where: { id: pupilId! }, select: { pupilUsername: true } })).toEqual({ pupilUsername: 'diyas.nurlanov' })
		expect(await pupilSignIn(org.code, cards[1]!.username, cards[0]!.pin === cards[1]!.pin ? '000000x' : cards[0]!.pin)).toBeNull()

		// The list shows usernames, never a PIN; creating again continues the numbering.
		const page = await pupilsRoute.loader({ request: get('/x', teacher.headers), params, context: {} })
		expect(page.pupils.map((pupil) => pupil.pupilUsername).sort()).toEqual(['aliya.serik', 'aliya.serik2', 'diyas.nurlanov'])
		expect(JSON.stringify(page)).not.toContain(cards[0]!.pin)
		expect((await createViaPage(params, teacher.headers, 'Aliya Serik')).data.cards![0]!.username).toBe('aliya.serik3')

		// The same list pasted again makes nobody twice: it says who is already there.
		const before = await counts()
		const again = await createViaPage(params, teacher.headers, 'Әлия Серік\nДияс Нұрланов')
		expect(again.status).toBe(200)
		expect(again.data.cards).toEqual([])
		expect(again.data.notice).toBe('Already in this class, so no new account: Әлия Серік, Дияс Нұрланов. If they lost their card, give them a new PIN below.')
		expect(await counts()).toEqual(before)
	})

	test('a new PIN replaces the old one and signs the pupil out everywhere', async () => {
		const { teacher, org, params } = await school()
		const [first, second] = (await createViaPage(params, teacher.headers, 'Мадина\nТимур')).data.cards!
		const session = { Cookie: (await createSession((await prisma.user.findFirstOrThrow({ where: { pupilOrgId: org.id, pupilUsername: first!.username } })).id)).split(';')[0]! }
		expect(await signedInUserId(get('/', session))).not.toBeNull()
		const madina = await prisma.user.findFirstOrThrow({ where: { pupilOrgId: org.id, pupilUsername: first!.username }, select: { id: true } })

		const reset = reply<Cards>(await pupilsRoute.action({ request: form('/x', [['intent', 'reset'], ['pupil', madina.id]], teacher.headers), params, context: {} }))
		expect(reset.headers.get('Cache-Control')).toBe('no-store')
		const card = reset.data.cards![0]!
		expect(reset.data.cards).toHaveLength(1)
		expect(card).toMatchObject({ name: 'Мадина', username: first!.username })
		expect(await signedInUserId(get('/', session))).toBeNull()
		if (card.pin !== first!.pin) expect(await pupilSignIn(org.code, first!.username, first!.pin)).toBeNull()
		expect((await pupilSignIn(org.code, first!.username, card.pin))?.status).toBe(302)
		// The other pupil is untouched.
		expect((await pupilSignIn(org.code, second!.username, second!.pin))?.status).toBe(302)

		// "New PINs for everyone" covers the whole class.
		const all = reply<Cards>(await pupilsRoute.action({ request: form('/x', [['intent', 'reset'], ['all', 'yes']], teacher.headers), params, context: {} }))
		expect(all.data.cards!.map((c) => c.username).sort()).toEqual([first!.username, second!.username].sort())
	})

	test('bad lists of names: translated 400s, nothing written', async () => {
		const { teacher, params } = await school()
		const before = await counts()
		const formula = await createViaPage(params, teacher.headers, 'Әлия\n=cmd|" /C calc"!A0\n@SUM(A1)')
		expect(formula.status).toBe(400)
		expect(formula.data.errors).toEqual(['Line 2: starts with =, +, - or @, like a spreadsheet formula', 'Line 3: starts with =, +, - or @, like a spreadsheet formula'])
		expect((await createViaPage(params, teacher.headers, '\n  \n')).data.errors).toEqual(['Write at least one name.'])
		expect((await createViaPage(params, teacher.headers, 'Дана\nБолат\nдана')).data.errors).toEqual(['Line 3: the same name as line 1 (add an initial to tell namesakes apart)'])
		expect((await createViaPage(params, teacher.headers, Array.from({ length: 201 }, (_, i) => `Pupil ${i}`).join('\n'))).status).toBe(400)
		expect((await createViaPage(params, teacher.headers, '<b>bold</b>')).status).toBe(400)
		const huge = await createViaPage(params, teacher.headers, 'Әлия Серік\n'.repeat(20_000))
		expect([huge.status, huge.data.errors]).toEqual([413, ['The list is too long: at most 200 names at a time.']])
		const noneChosen = reply<Cards>(await pupilsRoute.action({ request: form('/x', [['intent', 'reset']], teacher.headers), params, context: {} }))
		expect(noneChosen.status).toBe(400)
		expect(await counts()).toEqual(before)
	})

	test('only the owners and teachers of the organisation, and only its own pupils and classes', async () => {
		const { teacher, org, params } = await school()
		const pupil = await createPupil(prisma, org.id, { displayName: 'Dana' })
		const other = await school()
		const otherPupil = (await createViaPage(other.params, other.teacher.headers, 'Нұрлан')).data.cards![0]!
		const otherPupilId = (await prisma.user.findFirstOrThrow({ where: { pupilOrgId: other.org.id, pupilUsername: otherPupil.username } })).id
		const learner = await signedIn()
		await prisma.membership.create({ data: { orgId: org.id, userId: learner.id, role: 'learner' } })
		const adminOfGroup = await signedIn()
		await prisma.membership.create({ data: { orgId: org.id, userId: adminOfGroup.id, role: 'admin' } })

		// Each call starts when it is awaited: a refusal thrown while an earlier one is awaited
		// would be an unhandled rejection.
		const calls = (headers: Record<string, string>, routeParams = params) => [
			() => pupilsRoute.loader({ request: get('/x', headers), params: routeParams, context: {} }),
			() => pupilsRoute.action({ request: form('/x', [['intent', 'create'], ['names', 'Someone']], headers), params: routeParams, context: {} }),
			() => enrolRoute.loader({ request: get('/x', headers), params: routeParams, context: {} }),
			() => enrolRoute.action({ request: upload({ intent: 'preview', file: new Blob(['name\nSomeone\n']) }, headers), params: routeParams, context: {} }),
		]
		for (const call of calls({})) expect((await thrown(call())).status).toBe(302)
		for (const call of calls(learner.headers)) expect((await thrown(call())).status).toBe(403)
		for (const call of calls(other.teacher.headers)) expect((await thrown(call())).status).toBe(403)
		// Another organisation's class under this one, or a made-up id, is not found.
		for (const call of calls(teacher.headers, { org: org.slug, group: other.group.id })) expect((await thrown(call())).status).toBe(404)
		for (const call of calls(teacher.headers, { org: 'no-such-org', group: params.group })) expect((await thrown(call())).status).toBe(404)

		// A teacher of the organisation cannot reset pupils of another organisation, or of the
		// organisation but not in this class: 404, nothing changes.
		const hashes = () => prisma.password.findMany({ where: { userId: { in: [otherPupilId, pupil.id] } }, select: { hash: true } })
		const before = await hashes()
		for (const id of [otherPupilId, pupil.id]) {
			expect((await thrown(pupilsRoute.action({ request: form('/x', [['intent', 'reset'], ['pupil', id]], adminOfGroup.headers), params, context: {} }))).status).toBe(404)
		}
		expect(await hashes()).toEqual(before)
		expect((await pupilSignIn(other.org.code, otherPupil.username, otherPupil.pin))?.status).toBe(302)
		// An administrator (a teacher who does not own the school) may create pupils.
		expect((await createViaPage(params, adminOfGroup.headers, 'Someone')).status).toBe(200)
	})
})

type Preview = {
	stage: 'preview' | 'error' | 'done'
	error?: string
	changed?: boolean
	text?: string
	fingerprint?: string
	encoding?: string
	counts?: Record<string, number>
	rows?: { line: number; name: string; login: string; status: string; group: string; reason: string | null }[]
	cards?: { name: string; username: string; pin: string }[]
	created?: number
	added?: number
}

async function enrol(params: { org: string; group: string }, headers: Record<string, string>, fields: Record<string, string | Blob>) {
	return reply<Preview>(await enrolRoute.action({ request: upload(fields, headers), params, context: {} }))
}
const file = (content: string | Uint8Array) => new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type: 'text/csv' })

describe('enrolment by CSV', () => {
	test('preview every row, write nothing; confirm writes the plan in one go', async () => {
		const { teacher, org, group, params } = await school()
		const team = await createGroup(prisma, org.id, { name: '7 Ә' })
		const existing = await createUser(prisma, { email: `anna-${unique()}@example.org`, displayName: 'Anna' })
		const email = (await prisma.user.findUniqueOrThrow({ where: { id: existing.id }, select: { email: true } })).email!
		const known = await createPupil(prisma, org.id, { displayName: 'Dana', username: `dana-${unique()}` })
		const knownName = (await prisma.user.findUniqueOrThrow({ where: { id: known.id }, select: { pupilUsername: true } })).pupilUsername!
		const csv = [
			'Аты-жөні;Логин немесе пошта;Сынып',
			'Әлия Серік;;', // create here
			'Дияс Нұрланов;diyas.n;7 ә', // create in the other class, with this username
			`Anna;${email.toUpperCase()};`, // add an existing account
			`Dana;${knownName};7 Ә`, // add a pupil of this organisation to another class
			'Тимур;nobody@example.org;', // no such account
			'Никита;;8 Б', // no such class
			'=1+2;;', // formula
			'Әлия Серік;;', // duplicate
			'Мадина;;;', // a cell too many
		].join('\r\n')
		const before = await counts()
		const preview = await enrol(params, teacher.headers, { intent: 'preview', file: file(csv) })
		expect(preview.status).toBe(200)
		expect(preview.headers.get('Cache-Control')).toBe('no-store')
		expect(await counts()).toEqual(before)
		expect(preview.data.counts).toEqual({ create: 2, add: 2, skip: 0, error: 5 })
		expect(preview.data.rows!.map((row) => [row.line, row.status, row.login, row.group, row.reason])).toEqual([
			[2, 'create', 'aliya.serik', '7 A', null],
			[3, 'create', 'diyas.n', '7 Ә', null],
			[4, 'add', email, '7 A', null],
			[5, 'add', knownName, '7 Ә', null],
			[6, 'error', 'nobody@example.org', '7 A', 'no account has this email; leave the cell empty to create a pupil account instead'],
			[7, 'error', '', '8 Б', 'this organisation has no class or team named “8 Б”'],
			[8, 'error', '', '7 A', 'the name cell starts with =, +, - or @, like a spreadsheet formula'],
			[9, 'error', '', '7 A', 'the same person as row 2'],
			[10, 'error', '', '7 A', 'this row has 4 cells, the header has 3'],
		])

		const done = await enrol(params, teacher.headers, { intent: 'commit', csv: preview.data.text!, fingerprint: preview.data.fingerprint! })
		expect(done.status).toBe(200)
		expect(done.data).toMatchObject({ stage: 'done', created: 2, added: 2 })
		expect(done.data.cards!.map((card) => card.username)).toEqual(['aliya.serik', 'diyas.n'])
		const members = async (groupId: string) =>
			(await prisma.groupMember.findMany({ where: { groupId }, select: { user: { select: { displayName: true } } } })).map((m) => m.user.displayName).sort()
		expect(await members(group.id)).toEqual(['Anna', 'Әлия Серік'])
		expect(await members(team.id)).toEqual(['Dana', 'Дияс Нұрланов'])
		expect(await prisma.membership.findUnique({ where: { orgId_userId: { orgId: org.id, userId: existing.id } }, select: { role: true } })).toEqual({ role: 'learner' })
		const card = done.data.cards![1]!
		expect((await pupilSignIn(org.code, card.username, card.pin))?.status).toBe(302)

		// The same file again: everyone is there now, so nothing is created twice.
		const again = await enrol(params, teacher.headers, { intent: 'preview', file: file(csv) })
		expect(again.data.counts).toMatchObject({ create: 0, add: 0, skip: 4 })
		expect(again.data.rows![0]).toMatchObject({ status: 'skip', reason: 'a pupil with this name is already in this class (to add a namesake, give them a username)' })
	})

	test('confirming re-checks the file: a changed world or a changed text writes nothing', async () => {
		const { teacher, org, params } = await school()
		const preview = await enrol(params, teacher.headers, { intent: 'preview', file: file('name,username\nАйгерім,aigerim\nБолат,\n') })
		expect(preview.data.counts).toMatchObject({ create: 2 })
		const before = await counts()

		// Tampered text: its plan is not the one the teacher saw.
		const tampered = await enrol(params, teacher.headers, { intent: 'commit', csv: 'name,username\nМаллори,mallory\n', fingerprint: preview.data.fingerprint! })
		expect(tampered.status).toBe(409)
		expect(tampered.data).toMatchObject({ stage: 'preview', changed: true })
		expect(await counts()).toEqual(before)

		// Someone took the username meanwhile: the new preview says what will happen now.
		await createPupil(prisma, org.id, { displayName: 'Айгерім', username: 'aigerim' })
		const afterChange = await counts()
		const changed = await enrol(params, teacher.headers, { intent: 'commit', csv: preview.data.text!, fingerprint: preview.data.fingerprint! })
		expect(changed.status).toBe(409)
		expect(changed.data.rows!.map((row) => row.status)).toEqual(['add', 'create'])
		expect(await counts()).toEqual(afterChange)

		// Sent twice (a double click): the second finds the world changed and writes nothing.
		const fresh = await enrol(params, teacher.headers, { intent: 'preview', file: file('name\nЖаңа Оқушы\n') })
		const once = await enrol(params, teacher.headers, { intent: 'commit', csv: fresh.data.text!, fingerprint: fresh.data.fingerprint! })
		expect(once.data).toMatchObject({ stage: 'done', created: 1 })
		const afterOnce = await counts()
		const twice = await enrol(params, teacher.headers, { intent: 'commit', csv: fresh.data.text!, fingerprint: fresh.data.fingerprint! })
		expect(twice.status).toBe(409)
		expect(twice.data.rows!.map((row) => row.status)).toEqual(['skip'])
		expect(await counts()).toEqual(afterOnce)

		// Missing fields, too many parts or not an upload: 400.
		const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`field${i}`, 'x']))
		expect((await enrol(params, teacher.headers, { intent: 'preview', ...many })).status).toBe(400)
		expect((await enrol(params, teacher.headers, { intent: 'commit', csv: preview.data.text! })).status).toBe(400)
		const urlencoded = await enrolRoute.action({ request: form('/x?lng=en', [['intent', 'preview']], teacher.headers), params, context: {} })
		expect(reply<Preview>(urlencoded)).toMatchObject({ status: 400, data: { error: 'The form did not arrive as a file upload. Reload the page and try again.' } })
	})

	test('the transaction writes every row or none', async () => {
		const { org, group } = await school()
		const orgWithLocale = { id: org.id, locale: 'kk' }
		const plan = await planEnrolment(org, group, 'name,username\nБірінші,first-one\nЕкінші,second-one\nҮшінші,third-one\n')
		if (!plan.ok) throw new Error('the plan should be fine')
		// The last username is taken after the plan was made: the insert of row 4 fails.
		await createPupil(prisma, org.id, { displayName: 'Somebody', username: 'third-one' })
		const before = await counts()
		expect(await applyPlan(orgWithLocale, plan.rows)).toBeNull()
		expect(await counts()).toEqual(before)
		expect(await prisma.user.count({ where: { pupilOrgId: org.id, pupilUsername: { in: ['first-one', 'second-one'] } } })).toBe(0)
	})

	test('odd files: translated errors or per-row errors, never a 500, nothing written', async () => {
		const { teacher, params } = await school()
		const before = await counts()
		const error = async (content: string | Uint8Array) => {
			const result = await enrol(params, teacher.headers, { intent: 'preview', file: file(content) })
			return [result.status, result.data.error]
		}
		expect(await error('')).toEqual([400, 'The file is empty.'])
		expect(await error(new Uint8Array(randomBytes(2048)))).toEqual([400, expect.stringContaining('This is not a CSV file')])
		expect(await error(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, 8, 0]))).toEqual([400, expect.stringContaining('Excel workbook')])
		expect(await error(`name\n${Array.from({ length: 10_000 }, (_, i) => `Pupil ${i}`).join('\n')}`)).toEqual([400, 'The file has 10000 rows; at most 500 can be enrolled at a time. Split it into smaller files.'])
		expect(await error('name,shoe size\nAnna,38\n')).toEqual([400, expect.stringContaining('Unknown column “shoe size”')])
		expect(await error('group\n7 A\n')).toEqual([400, expect.stringContaining('one of them must be the name column')])
		const huge = await enrol(params, teacher.headers, { intent: 'preview', file: file('x'.repeat(2_100_000)) })
		expect(huge.status).toBe(413)
		expect(huge.data.error).toBe('The file is larger than 0.4 MB. Split it into smaller files.')
		const justOver = await enrol(params, teacher.headers, { intent: 'preview', file: file(`name\n${'y'.repeat(400_001)}`) })
		expect([justOver.status, justOver.data.error]).toEqual([400, expect.stringMatching(/larger than/)])
		expect((await enrol(params, teacher.headers, { intent: 'preview' })).data.error).toBe('Choose a CSV file to upload.')

		// Windows-1251 from Russian Excel, semicolons: read, previewed row by row.
		const cp1251 = Uint8Array.from([...'Имя;Класс\r\nПётр Иванов;\r\n'].map((c) => (c.charCodeAt(0) < 128 ? c.charCodeAt(0) : c === 'ё' ? 0xb8 : c.charCodeAt(0) - 0x410 + 0xc0)))
		const preview = await enrol(params, teacher.headers, { intent: 'preview', file: file(cp1251) })
		expect(preview.data).toMatchObject({ stage: 'preview', encoding: 'windows-1251', rows: [{ name: 'Пётр Иванов', login: 'petr.ivanov', status: 'create' }] })
		expect(await counts()).toEqual(before)
	})
})
