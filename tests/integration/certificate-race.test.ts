// Issuing is idempotent under concurrency: ten posts of the issue form at once (a double click,
// a retry, a script) against the real production server make exactly one certificate, and
// every answer sends the holder to that one.
import { afterAll, beforeAll, expect, test, vi } from 'vitest'

vi.hoisted(() => {
	// The server and this process sign session cookies with one secret.
	process.env.SESSION_SECRET = 'certificate-race-secret-'.padEnd(48, 'c')
})

import { findCourse } from '~/courses/catalog.server.ts'
import { createSession } from '~/auth/session.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { completeLessons, createUser } from '~/models/factories.server.ts'
import { startServerOnTestDatabase, type RunningServer } from '../setup/server.ts'

const POSTS = 10

const COURSE = 'sample-course'

let server: RunningServer

beforeAll(async () => {
	server = await startServerOnTestDatabase()
})

async function learnerWhoPassed() {
	const user = await createUser(prisma, { displayName: 'Madina Serikqyzy' })
	const learnerId = user.learner!.id
	await completeLessons(prisma, learnerId, COURSE, ['first-lesson', 'second-lesson', 'third-lesson'])
	const attempt = await prisma.quizAttempt.create({
		data: { learnerId, courseSlug: COURSE, courseVersion: findCourse(COURSE)!.meta.version, locale: 'kk', token: `race-${user.id}`, layout: '[]', submittedAt: new Date(), score: 4, maxScore: 4, passed: true },
		select: { id: true },
	})
	return { userId: user.id, attemptId: attempt.id, cookie: (await createSession(user.id)).split(';')[0]! }
}

afterAll(async () => {
	await server?.stop()
})

test(`${POSTS} concurrent issue posts make one certificate`, async () => {
	const holder = await learnerWhoPassed()
	const url = `${server.url}/courses/${COURSE}/quiz/attempts/${holder.attemptId}`
	const answers = await Promise.all(
		Array.from({ length: POSTS }, () =>
			fetch(url, {
				method: 'POST',
				redirect: 'manual',
				headers: { Cookie: holder.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ holderName: 'Madina Serikqyzy' }),
			}),
		),
	)
	const certificates = await prisma.certificate.findMany({ where: { userId: holder.userId }, select: { code: true } })
	expect(certificates).toHaveLength(1)
	expect(answers.map((answer) => answer.status)).toEqual(Array(POSTS).fill(302))
	expect(new Set(answers.map((answer) => answer.headers.get('Location')))).toEqual(new Set([`/certificates/${certificates[0]!.code}`]))
})
