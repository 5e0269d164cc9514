import { describe, expect, test } from 'vitest'
import { findCourse } from '~/courses/catalog.server.ts'
import { addMonths, certificateState, publicName } from '~/certificates/state.ts'
import { issueCertificate, revokeCertificate } from '~/models/certificate.server.ts'
import { createSession } from '~/auth/session.server.ts'
import { prisma } from '~/utils/db.server.ts'
import * as certificateRoute from '~/routes/certificates.$code.tsx'
import * as pdfRoute from '~/routes/certificates.$code_.pdf.tsx'
import * as verifyCodeRoute from '~/routes/verify_.$code.tsx'
import * as verifyRoute from '~/routes/verify.tsx'
import * as verifyCsvRoute from '~/routes/verify[.]csv.ts'
import { completeLessons, createUser } from '~/models/factories.server.ts'
import { get, thrown } from '../setup/requests.ts'

const course = findCourse('sample-course')!
let ip = 0
const context = () => ({ clientIp: `10.9.${Math.floor(++ip / 250)}.${ip % 250}` })

async function learnerWhoPassed() {
	const user = await createUser(prisma, { displayName: 'Әсел Қанатқызы' })
	const learnerId = user.learner!.id
	await completeLessons(prisma, learnerId, 'sample-course', ['first-lesson', 'second-lesson', 'third-lesson'])
	await prisma.quizAttempt.create({
		data: { learnerId, courseSlug: 'sample-course', courseVersion: '2', locale: 'kk', token: `t-${user.id}`, layout: '[]', submittedAt: new Date(), score: 4, maxScore: 4, passed: true },
	})
	const headers = { Cookie: (await createSession(user.id)).split(';')[0]! }
	return { userId: user.id, learnerId, headers }
}

const issue = (who: { userId: string; learnerId: string }, holderName = 'Әсел Қанатқызы') =>
	issueCertificate({ userId: who.userId, learnerId: who.learnerId, course, holderName, locale: 'kk' })

describe('issuing', () => {
	test('not before every lesson is done and the quiz passed', async () => {
		const user = await createUser(prisma)
		const who = { userId: user.id, learnerId: user.learner!.id }
		expect(await issue(who)).toBeNull()
		await completeLessons(prisma, who.learnerId, 'sample-course', ['first-lesson', 'second-lesson', 'third-lesson'])
		expect(await issue(who)).toBeNull()
		await prisma.quizAttempt.create({ data: { learnerId: who.learnerId, courseSlug: 'sample-course', courseVersion: '1', locale: 'en', token: `old-${user.id}`, layout: '[]', submittedAt: new Date(), score: 4, maxScore: 4, passed: true } })
		// A pass under an older content version does not count.
		expect(await issue(who)).toBeNull()
	})

	test('idempotent while valid; expiry from the course; a new one after expiry', async () => {
		const who = await learnerWhoPassed()
		const first = (await issue(who))!
		expect(first.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/)
		expect(first.expiresAt).toEqual(addMonths(first.issuedAt, 12))
		expect((await issue(who, 'Другое имя'))!.code).toBe(first.code)
		await prisma.certificate.update({ where: { id: first.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
		const renewed = (await issue(who))!
		expect(renewed.code).not.toBe(first.code)
		expect(await prisma.certificate.count({ where: { userId: who.userId } })).toBe(2)
	})
})

describe('verification shows only what is allowed', () => {
	test('initials by default, the full name when the holder allows it', async () => {
		const who = await learnerWhoPassed()
		const certificate = (await issue(who))!
		const view = async () => (await verifyCodeRoute.loader({ request: get(`/verify/${certificate.code}?lng=en`), params: { code: certificate.code }, context: context() })) as { holder: string }
		const hidden = await view()
		expect(hidden).toMatchObject({ state: 'valid', holder: 'Ә. Қ.', course: 'Sample course', code: certificate.code, revokedAt: null })
		expect(JSON.stringify(hidden)).not.toMatch(/Әсел|userId|email|locale/)
		await certificateRoute.action({ request: new Request(`http://localhost/certificates/${certificate.code}`, { method: 'POST', body: new URLSearchParams({ showFullName: 'yes' }), headers: who.headers }), params: { code: certificate.code }, context: {} })
		expect((await view()).holder).toBe('Әсел Қанатқызы')
	})

	test('expired and revoked states; codes typed loosely still match', async () => {
		const who = await learnerWhoPassed()
		const certificate = (await issue(who))!
		expect(await revokeCertificate(certificate.code, 'Issued by mistake')).toBe(true)
		const loose = certificate.code.toLowerCase().replace(/-/g, ' ')
		const revoked = (await verifyCodeRoute.loader({ request: get('/verify/x'), params: { code: loose }, context: context() })) as { state: string }
		expect(revoked.state).toBe('revoked')
		expect(certificateState({ expiresAt: new Date(Date.now() - 1), revokedAt: null })).toBe('expired')
		expect(publicName({ holderName: '  dana   ivanova ', showFullName: false })).toBe('D. I.')
	})

	test.each(['0000-0000-0000-0000-0000', 'not a code', '<script>', 'x'.repeat(500)])('an unknown or malformed code (%s) is a translated 404 page with the form again', async (code) => {
		const result = (await verifyCodeRoute.loader({ request: get('/verify/x?lng=en'), params: { code }, context: context() })) as unknown as { init: { status: number }; data: unknown }
		expect(result.init.status).toBe(404)
		expect(result.data).toEqual({ title: 'No certificate with this code', found: false, typed: code.slice(0, 40) })
	})

	test('bulk: a table and a CSV, with bad rows reported, and a limit of 500', async () => {
		const who = await learnerWhoPassed()
		const certificate = (await issue(who))!
		const post = (fields: Record<string, string>) => verifyRoute.action({ request: new Request('http://localhost/verify?lng=en', { method: 'POST', body: new URLSearchParams(fields) }), params: {}, context: context() })
		const table = (await post({ codes: `${certificate.code}\nnonsense\n\n0000-0000-0000-0000-0000`, format: 'table' })) as { rows: { state: string }[] }
		expect(table.rows.map((row) => row.state)).toEqual(['valid', 'not-found', 'not-found'])
		const csv = await verifyCsvRoute.action({ request: new Request('http://localhost/verify.csv?lng=en', { method: 'POST', body: new URLSearchParams({ codes: certificate.code }) }), params: {}, context: context() })
		expect(csv.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
		const text = await csv.text()
		expect(text).toContain(`"${certificate.code}";"Valid";"Sample course";"Ә. Қ."`)
		expect((await thrown(post({ codes: Array(501).fill(certificate.code).join('\n') }))).status).toBe(400)
		expect((await thrown(post({}))).status).toBe(400)
	})
})

describe('the holder’s pages', () => {
	test('only the holder sees the certificate page and the PDF', async () => {
		const who = await learnerWhoPassed()
		const certificate = (await issue(who))!
		const page = await certificateRoute.loader({ request: get(`/certificates/${certificate.code}?lng=kk`, who.headers), params: { code: certificate.code }, context: {} })
		expect(page.texts).toMatchObject({ holderName: 'Әсел Қанатқызы', code: certificate.code, courseTitle: 'Үлгі курс' })
		const pdf = (await pdfRoute.loader({ request: get(`/certificates/${certificate.code}/pdf`, who.headers), params: { code: certificate.code }, context: {} })) as Response
		expect(pdf.headers.get('Content-Type')).toBe('application/pdf')
		expect(pdf.headers.get('Content-Disposition')).toBe(`attachment; filename="certificate-${certificate.code}.pdf"`)
		expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')

		const other = await learnerWhoPassed()
		expect((await thrown(certificateRoute.loader({ request: get('/x', other.headers), params: { code: certificate.code }, context: {} }))).status).toBe(404)
		expect((await thrown(pdfRoute.loader({ request: get('/x', other.headers), params: { code: certificate.code }, context: {} }))).status).toBe(404)
		expect((await thrown(pdfRoute.loader({ request: get('/x'), params: { code: certificate.code }, context: {} }))).status).toBe(302)
	})
})
