// Certificates scoped to the organisation whose assignment they completed (issue 17, decision
// 015): an organisation lists, exports and revokes only those; one earned alone or elsewhere is
// visible to it only while its holder shares it, and never revocable by it.
import { randomBytes } from 'node:crypto'
import { cpSync, mkdtempSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { unzipSync } from 'fflate'
import { describe, expect, test } from 'vitest'
import { findCourse } from '~/courses/catalog.server.ts'
import { createSession } from '~/auth/session.server.ts'
import { issueCertificate } from '~/models/certificate.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { applyMigrations, readMigrationDirectories } from '~/utils/db-migrations.server.ts'
import * as certificateRoute from '~/routes/certificates.$code.tsx'
import * as certificatesRoute from '~/routes/orgs.$org.certificates.tsx'
import * as certificatesExport from '~/routes/orgs.$org.certificates_.export.ts'
import { completeLessons, createGroup, createOrganisation, createUser } from '~/models/factories.server.ts'
import { get, post, thrown } from '../setup/requests.ts'
import { MIGRATIONS_DIR } from '../setup/paths.ts'
import { TMP_DIR } from '../setup/tmp.ts'

const course = findCourse('sample-course')!
const context = {}

async function person(name: string) {
	const user = await createUser(prisma, { displayName: `${name} ${randomBytes(2).toString('hex')}` })
	return { id: user.id, learnerId: user.learner!.id, headers: { Cookie: (await createSession(user.id)).split(';')[0]! } }
}
type Person = Awaited<ReturnType<typeof person>>

async function earn(holder: Person) {
	if ((await prisma.lessonProgress.count({ where: { learnerId: holder.learnerId } })) === 0) await completeLessons(prisma, holder.learnerId, course.slug, ['first-lesson', 'second-lesson', 'third-lesson'])
	await prisma.quizAttempt.create({
		data: { learnerId: holder.learnerId, courseSlug: course.slug, courseVersion: course.meta.version, locale: 'en', token: randomBytes(8).toString('hex'), layout: '[]', submittedAt: new Date(), score: 4, maxScore: 4, passed: true },
	})
	return (await issueCertificate({ userId: holder.id, learnerId: holder.learnerId, course, holderName: 'Holder', locale: 'en' }))!
}

/** An organisation anyone could have made, with its owner, and the holder as a learner in a group with the course assigned. */
async function organisation(holder: Person, { assign = true } = {}) {
	const owner = await person('Owner')
	const org = await createOrganisation(prisma, { kind: 'workplace', ownerId: owner.id })
	const group = await createGroup(prisma, org.id)
	if (assign) await prisma.assignment.create({ data: { groupId: group.id, courseSlug: course.slug } })
	await prisma.membership.create({ data: { orgId: org.id, userId: holder.id, role: 'learner' } })
	await prisma.groupMember.create({ data: { groupId: group.id, userId: holder.id } })
	return { org, owner, params: { org: org.slug } }
}

type Org = Awaited<ReturnType<typeof organisation>>

async function listed(org: Org) {
	const page = await certificatesRoute.loader({ request: get('/x?lng=en', org.owner.headers), params: org.params, context })
	return page.certificates
}
async function exported(org: Org) {
	return ((await certificatesExport.loader({ request: get('/x?format=csv&lng=en', org.owner.headers), params: org.params, context })) as Response).text()
}
const revoke = (org: Org, code: string) => certificatesRoute.action({ request: post('/x?lng=en', { code, reason: 'Not completed here' }, org.owner.headers), params: org.params, context })
const share = (holder: Person, code: string, orgId: string, shared: 'yes' | 'no') =>
	certificateRoute.action({ request: post(`/certificates/${code}`, { intent: 'share', orgId, shared }, holder.headers), params: { code }, context })
const revokedAt = async (code: string) => (await prisma.certificate.findUniqueOrThrow({ where: { code }, select: { revokedAt: true } })).revokedAt

describe('certificates scoped to the organisation', () => {
	test('a certificate earned for an assignment belongs to that organisation: listed, exported, revocable', async () => {
		const holder = await person('Holder')
		const employer = await organisation(holder)
		const certificate = await earn(holder)
		expect(certificate.orgId).toBe(employer.org.id)
		expect((await listed(employer)).map((row) => [row.code, row.earnedHere])).toEqual([[certificate.code, true]])
		expect(await exported(employer)).toContain(certificate.code)
		expect(((await revoke(employer, certificate.code)) as Response).status).toBe(302)
		expect(await revokedAt(certificate.code)).not.toBeNull()
	})

	test('an organisation anyone can create cannot list, export, zip or revoke a certificate its member earned before joining', async () => {
		const holder = await person('Holder')
		const certificate = await earn(holder)
		expect(certificate.orgId).toBeNull()
		const stranger = await organisation(holder)
		expect(await listed(stranger)).toEqual([])
		expect(await exported(stranger)).not.toContain(certificate.code)
		expect((await thrown(certificatesExport.loader({ request: get('/x?format=zip', stranger.owner.headers), params: stranger.params, context }))).status).toBe(404)
		const renewal = await certificatesRoute.loader({ request: get('/x?show=renewal', stranger.owner.headers), params: stranger.params, context })
		expect(renewal.certificates).toEqual([])
		expect((await thrown(revoke(stranger, certificate.code))).status).toBe(404)
		expect(await revokedAt(certificate.code)).toBeNull()
	})

	test('earned for one organisation, it is not another’s, even if that one assigned the course later', async () => {
		const holder = await person('Holder')
		const first = await organisation(holder)
		const certificate = await earn(holder)
		const second = await organisation(holder)
		expect(certificate.orgId).toBe(first.org.id)
		expect(await listed(second)).toEqual([])
		expect((await thrown(revoke(second, certificate.code))).status).toBe(404)
	})

	test('the holder shares one with an organisation they belong to: listed and exported there, never revocable; they can stop', async () => {
		const holder = await person('Holder')
		const certificate = await earn(holder)
		const employer = await organisation(holder)
		const page = await certificateRoute.loader({ request: get(`/certificates/${certificate.code}?lng=en`, holder.headers), params: { code: certificate.code }, context })
		expect(page.sharing).toEqual([{ orgId: employer.org.id, name: expect.any(String), shared: false }])

		expect(((await share(holder, certificate.code, employer.org.id, 'yes')) as Response).status).toBe(302)
		expect((await listed(employer)).map((row) => [row.code, row.earnedHere])).toEqual([[certificate.code, false]])
		expect(await exported(employer)).toContain(certificate.code)
		expect((await thrown(revoke(employer, certificate.code))).status).toBe(404)
		expect(await revokedAt(certificate.code)).toBeNull()

		expect(((await share(holder, certificate.code, employer.org.id, 'no')) as Response).status).toBe(302)
		expect(await listed(employer)).toEqual([])
	})

	test('a share ends with membership; nobody shares a certificate that is not theirs, or with an organisation they are not in', async () => {
		const holder = await person('Holder')
		const certificate = await earn(holder)
		const employer = await organisation(holder)
		await share(holder, certificate.code, employer.org.id, 'yes')
		await prisma.membership.deleteMany({ where: { orgId: employer.org.id, userId: holder.id } })
		expect(await listed(employer)).toEqual([])

		const outsiderOrg = await createOrganisation(prisma)
		expect((await thrown(share(holder, certificate.code, outsiderOrg.id, 'yes'))).status).toBe(400)
		// The organisation's owner cannot "share" the member's certificate for them.
		expect((await thrown(share(employer.owner, certificate.code, employer.org.id, 'yes'))).status).toBe(404)
		expect(await prisma.certificateShare.count({ where: { certificateId: certificate.id } })).toBe(1)
		expect(await listed(employer)).toEqual([])
		expect((await thrown(share(holder, certificate.code, employer.org.id, 'maybe' as 'yes'))).status).toBe(400)
	})

	test('the zip holds only the organisation’s certificates', async () => {
		const holder = await person('Holder')
		const alone = await earn(holder)
		await prisma.certificate.update({ where: { code: alone.code }, data: { revokedAt: new Date() } })
		const employer = await organisation(holder)
		const mine = await earn(holder)
		const zip = (await certificatesExport.loader({ request: get('/x?format=zip', employer.owner.headers), params: employer.params, context })) as Response
		expect(Object.keys(unzipSync(new Uint8Array(await zip.arrayBuffer())))).toEqual([`certificate-${mine.code}.pdf`])
	})
})

describe('the migration assigns existing certificates only where it is unambiguous', () => {
	test('one organisation that assigned the course before the certificate: its; two, later, or none: private', () => {
		const dir = mkdtempSync(path.join(TMP_DIR, 'certificate-scope-'))
		const all = readMigrationDirectories(MIGRATIONS_DIR)
		const index = all.findIndex((migration) => migration.name.endsWith('_certificate_org_scope'))
		const before = path.join(dir, 'before')
		for (const migration of all.slice(0, index)) cpSync(path.join(MIGRATIONS_DIR, migration.name), path.join(before, migration.name), { recursive: true })
		const file = path.join(dir, 'q.db')
		applyMigrations(file, before)
		const db = new Database(file)
		const at = (day: number) => new Date(Date.UTC(2026, 5, day)).toISOString()
		const insert = (sql: string, ...values: unknown[]) => db.prepare(sql).run(...values)
		for (const org of ['o1', 'o2']) insert('INSERT INTO Organisation (id, slug, name, kind, code, updatedAt) VALUES (?, ?, ?, ?, ?, ?)', org, org, org, 'workplace', org.toUpperCase(), at(1))
		for (const user of ['single', 'double', 'late', 'alone']) insert('INSERT INTO User (id, displayName, locale, updatedAt) VALUES (?, ?, ?, ?)', user, user, 'en', at(1))
		const group = (id: string, org: string, assignedOn: number | null, members: string[]) => {
			insert('INSERT INTO "Group" (id, orgId, name, joinCode) VALUES (?, ?, ?, ?)', id, org, id, id.toUpperCase())
			if (assignedOn !== null) insert('INSERT INTO Assignment (id, groupId, courseSlug, createdAt) VALUES (?, ?, ?, ?)', `a-${id}`, id, 'sample-course', at(assignedOn))
			for (const member of members) insert('INSERT INTO GroupMember (groupId, userId, joinedAt) VALUES (?, ?, ?)', id, member, at(2))
		}
		group('g1', 'o1', 3, ['single', 'double'])
		group('g2', 'o2', 3, ['double'])
		group('g3', 'o2', 20, ['late'])
		group('g4', 'o1', null, ['alone'])
		for (const user of ['single', 'double', 'late', 'alone']) {
			insert('INSERT INTO Certificate (id, code, userId, holderName, courseSlug, courseVersion, locale, issuedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', `c-${user}`, `CODE-${user}`, user, user, 'sample-course', '1', 'en', at(10))
		}
		db.close()

		applyMigrations(file, MIGRATIONS_DIR)
		const after = new Database(file, { readonly: true })
		const scope = Object.fromEntries((after.prepare('SELECT userId, orgId FROM Certificate').all() as { userId: string; orgId: string | null }[]).map((row) => [row.userId, row.orgId]))
		expect(scope).toEqual({ single: 'o1', double: null, late: null, alone: null })
		after.close()
	})
})
