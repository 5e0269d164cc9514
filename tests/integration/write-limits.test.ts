// Limits on the other writes (issue 15, finding 8; decision 010): per account and per address,
// a translated 429 with Retry-After, and never met by a real class behind one address.
import { describe, expect, test } from 'vitest'
import { createSession } from '~/auth/session.server.ts'
import * as joinRoute from '~/routes/join.tsx'
import { prisma } from '~/utils/db.server.ts'
import { limitWrite, writeRules } from '~/utils/rate-limit.server.ts'
import { createUser } from '~/models/factories.server.ts'
import { post, thrown } from '../setup/requests.ts'

async function signedIn() {
	const user = await createUser(prisma)
	return { id: user.id, Cookie: (await createSession(user.id)).split(';')[0]! }
}

describe('write limits', () => {
	test('joining: per account, then a translated 429 with Retry-After; another account at the same address is fine', async () => {
		const user = await signedIn()
		const context = { clientIp: '203.0.113.50' }
		const join = (who: { Cookie: string }) => joinRoute.action({ request: post('/join?lng=en', { code: 'NOSUCHCODE' }, { Cookie: who.Cookie }), params: {}, context })
		for (let i = 0; i < writeRules.join.account.max; i++) {
			expect((await join(user)) as unknown as { init: { status: number } }).toMatchObject({ init: { status: 400 } })
		}
		const refused = await thrown(join(user))
		expect(refused.status).toBe(429)
		expect(refused.body).toEqual({ error: expect.stringMatching(/Please wait a little/) })
		const error = (await join(user).catch((response: unknown) => response)) as { init: { headers: Record<string, string> } }
		expect(Number(error.init.headers['Retry-After'])).toBeGreaterThan(0)
		expect((await join(await signedIn())) as unknown as { init: { status: number } }).toMatchObject({ init: { status: 400 } })
	})

	test('per address: beyond the limit every account there waits', async () => {
		const rules = { account: { name: 'test-write:account', max: 100, windowMs: 60_000 }, address: { name: 'test-write:ip', max: 3, windowMs: 60_000 } }
		const request = post('/x?lng=ru', {})
		const context = { clientIp: '203.0.113.51' }
		for (const account of ['a', 'b', 'c']) await limitWrite(request, context, rules, account)
		const refused = await thrown(limitWrite(request, context, rules, 'd'))
		expect(refused).toEqual({ status: 429, body: { error: expect.stringMatching(/Подождите немного/) } })
		await limitWrite(request, { clientIp: '203.0.113.52' }, rules, 'd')
	})

	test('a class of 40 behind one address never meets them', async () => {
		const request = post('/x', {})
		const school = { clientIp: '203.0.113.60' }
		const pupils = Array.from({ length: 40 }, (_, i) => `class-pupil-${i}`)
		// Everyone joins, and each hands in the quiz five times within ten minutes.
		for (const pupil of pupils) await limitWrite(request, school, writeRules.join, pupil)
		for (let round = 0; round < 5; round++) for (const pupil of pupils) await limitWrite(request, school, writeRules.quizSubmission, pupil)
		// A teacher uploads the class list and fixes it ten times, creates pupils, invites staff.
		for (let i = 0; i < 10; i++) {
			await limitWrite(request, school, writeRules.enrolmentUpload, 'teacher')
			await limitWrite(request, school, writeRules.pupilCreation, 'teacher')
			await limitWrite(request, school, writeRules.invite, 'teacher')
		}
	})
})
