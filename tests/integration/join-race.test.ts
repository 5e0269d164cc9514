// Writes that meet a unique key, sent at once (a double click, a retry, a script) against the
// real production server: joining a class and completing a lesson. Each is one INSERT … ON
// CONFLICT, so every answer is the usual redirect and one row exists; under PostgreSQL an
// upsert with an empty update read first and then inserted, and all but one failed (decision 016).
import { afterAll, beforeAll, expect, test, vi } from 'vitest'

vi.hoisted(() => {
	// The server and this process sign session cookies with one secret.
	process.env.SESSION_SECRET = 'join-race-secret-'.padEnd(48, 'j')
})

import { createSession } from '~/auth/session.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { createGroup, createOrganisation, createUser } from '~/models/factories.server.ts'
import { startServerOnTestDatabase, type RunningServer } from '../setup/server.ts'

const POSTS = 8

let server: RunningServer

beforeAll(async () => {
	server = await startServerOnTestDatabase()
})

afterAll(async () => {
	await server?.stop()
})

const cookieOf = async (userId: string) => (await createSession(userId)).split(';')[0]!

function postAtOnce(path: string, cookie: string, fields: Record<string, string>) {
	return Promise.all(
		Array.from({ length: POSTS }, () =>
			fetch(`${server.url}${path}`, {
				method: 'POST',
				redirect: 'manual',
				headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams(fields),
			}).then(async (response) => ({ status: response.status, body: response.status === 302 ? '' : (await response.text()).slice(0, 200) })),
		),
	)
}

test(`${POSTS} joins of one class at once: one membership, the teacher keeps their role`, async () => {
	const teacher = await createUser(prisma, { displayName: 'Гүлнар Мұғалім' })
	const org = await createOrganisation(prisma, { ownerId: teacher.id })
	const group = await createGroup(prisma, org.id)
	const { joinCode } = await prisma.group.findUniqueOrThrow({ where: { id: group.id }, select: { joinCode: true } })
	const pupil = await createUser(prisma, { displayName: 'Ерлан Оқушы' })

	for (const user of [pupil, teacher]) {
		const answers = await postAtOnce('/join?lng=en', await cookieOf(user.id), { code: joinCode })
		expect(answers).toEqual(Array(POSTS).fill({ status: 302, body: '' }))
		expect(await prisma.groupMember.count({ where: { groupId: group.id, userId: user.id } })).toBe(1)
	}
	const roles = await prisma.membership.findMany({ where: { orgId: org.id }, select: { userId: true, role: true }, orderBy: { role: 'asc' } })
	expect(roles).toEqual([
		{ userId: pupil.id, role: 'learner' },
		{ userId: teacher.id, role: 'owner' },
	])
})

test(`${POSTS} completions of one lesson at once: one row, one summary count`, async () => {
	const user = await createUser(prisma, { displayName: 'Айжан Екі Рет' })
	const answers = await postAtOnce('/courses/sample-course/lessons/first-lesson?lng=en', await cookieOf(user.id), { intent: 'complete' })
	expect(answers.map((answer) => answer.status)).toEqual(Array(POSTS).fill(302))
	expect(await prisma.lessonProgress.count({ where: { learnerId: user.learner!.id, courseSlug: 'sample-course', lessonSlug: 'first-lesson' } })).toBe(1)
	const summary = await prisma.learnerCourseSummary.findUniqueOrThrow({ where: { learnerId_courseSlug: { learnerId: user.learner!.id, courseSlug: 'sample-course' } } })
	expect(summary.lessonsDone).toBe(1)
})
