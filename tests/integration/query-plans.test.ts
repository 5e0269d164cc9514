// What a signed-in learner's busiest requests ask SQLite, and how it reads each: every statement
// must find its rows through the learner's (or the row's own) key. Without statistics (no
// ANALYZE), SQLite reads `learnerId = ? AND courseSlug = ? AND completedAt IS NOT NULL`, or an
// ORDER BY submittedAt, through the (courseSlug, …) index: every learner's rows for the course,
// 80 ms a quiz submission at 20,000 learners (issue 18). Without statistics a plan does not depend
// on the data either, so this small database shows the plan a district's gets.
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createSession } from '~/auth/session.server.ts'
import { warmUpLessons } from '~/courses/lesson-code.server.ts'
import { getCatalog } from '~/courses/catalog.server.ts'
import { completeLessons, createGroup, createOrganisation, createPupil, createUser } from '~/models/factories.server.ts'
import { groupDashboardPage } from '~/models/group-dashboard.server.ts'
import { learnerQueryOf } from '~/orgs/learner-table.ts'
import * as lessonRoute from '~/routes/courses.$course.lessons.$lesson.tsx'
import * as quizRoute from '~/routes/courses.$course.quiz.tsx'
import { getEnv } from '~/utils/env.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { withRequestScope } from '~/utils/request-scope.server.ts'
import { onPostgres } from '../setup/engine.ts'
import { get, post } from '../setup/requests.ts'

/** Indexes over every learner's rows of a course: right for a report, wrong for one learner. */
const COURSE_WIDE = /LessonProgress_courseSlug_completedAt_idx|QuizAttempt_courseSlug_submittedAt_idx/
/** Tables a statement may read whole: one row per organisation with a Learning Record Store. */
const SMALL_TABLES = new Set(['LrsConnection'])

let recording: string[] | null = null
beforeAll(() => {
	;(prisma as unknown as { $on(event: 'query', listener: (event: { query: string }) => void): void }).$on('query', (event) => recording?.push(event.query))
})

async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
	recording = []
	await withRequestScope(work).catch((error: unknown) => {
		// Actions answer with a redirect.
		if (!(error instanceof Response)) throw error
	})
	const statements = recording.filter((sql) => !/^\s*(BEGIN|COMMIT|ROLLBACK)/i.test(sql))
	recording = null
	return statements
}

describe.skipIf(onPostgres)('query plans of the busiest requests', () => {
	let database: Database.Database
	beforeAll(() => {
		database = new Database(getEnv().databasePath!, { readonly: true })
	})
	afterAll(() => database.close())

	/** SQLite's plan of each statement, as "SCAN …" / "SEARCH … USING INDEX …" lines. */
	const plansOf = (statements: string[]) =>
		statements.map((sql) => {
			const parameters = (sql.match(/\?/g) ?? []).map(() => null)
			const steps = database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]
			return { sql, steps: steps.map((step) => step.detail) }
		})

	function expectLearnerKeyed(statements: string[]) {
		expect(statements.length).toBeGreaterThan(0)
		for (const { sql, steps } of plansOf(statements)) {
			for (const step of steps) {
				const scanned = /^SCAN (?:main\.)?"?([A-Za-z]\w*)"?/.exec(step)?.[1]
				const wrong = COURSE_WIDE.test(step) || (scanned !== undefined && !SMALL_TABLES.has(scanned))
				expect(wrong ? `${step}\n  in ${sql}` : 'keyed').toBe('keyed')
			}
		}
	}

	async function signedInReader() {
		const user = await createUser(prisma)
		return { learnerId: user.learner!.id, headers: { Cookie: (await createSession(user.id)).split(';')[0]! } }
	}

	test('the lesson page, and completing a lesson', async () => {
		await warmUpLessons()
		const { headers } = await signedInReader()
		const params = { course: 'sample-course', lesson: 'first-lesson' }
		expectLearnerKeyed(await statementsOf(() => lessonRoute.loader({ request: get('/courses/sample-course/lessons/first-lesson?lng=en', headers), params, context: {} })))
		expectLearnerKeyed(
			await statementsOf(() => lessonRoute.action({ request: post('/courses/sample-course/lessons/first-lesson?lng=en', { intent: 'complete' }, headers), params, context: {} })),
		)
	})

	test('the quiz, opened and handed in', async () => {
		const { learnerId, headers } = await signedInReader()
		await completeLessons(prisma, learnerId, 'sample-course', ['first-lesson', 'second-lesson', 'third-lesson'])
		const params = { course: 'sample-course' }
		let token = ''
		expectLearnerKeyed(
			await statementsOf(async () => {
				const page = await quizRoute.loader({ request: get('/courses/sample-course/quiz?lng=en', headers), params, context: {} })
				token = page.form!.token
			}),
		)
		const handedIn = await statementsOf(() => quizRoute.action({ request: post('/courses/sample-course/quiz?lng=en', { token }, headers), params, context: {} }))
		expectLearnerKeyed(handedIn)
	})

	test('a group page in its first order reads its rows off the membership index, not the whole group', async () => {
		const org = await createOrganisation(prisma)
		const group = await createGroup(prisma, org.id)
		await prisma.assignment.create({ data: { groupId: group.id, courseSlug: 'sample-course' } })
		const pupils = await Promise.all(['Aliya', 'Bota', 'Dana'].map((displayName) => createPupil(prisma, org.id, { displayName })))
		await prisma.groupMember.createMany({ data: pupils.map((pupil) => ({ groupId: group.id, userId: pupil.id })) })
		const statements = await statementsOf(() => groupDashboardPage(group.id, getCatalog().bySlug, learnerQueryOf(new URLSearchParams()), null))
		const rows = plansOf(statements).filter(({ sql }) => /LIMIT/.test(sql) && /"LearnerCourseSummary"/.test(sql))
		expect(rows).toHaveLength(1)
		const { steps } = rows[0]!
		// The page's 50 members first, off the index; then a row each. With `IN (page)` SQLite walked
		// the whole group in index order instead ("SEARCH gm USING … (groupId=?)").
		expect(steps[0]).toMatch(/^(MATERIALIZE|CO-ROUTINE) gm/)
		expect(steps[1]).toMatch(/SEARCH GroupMember USING COVERING INDEX GroupMember_groupId_sortName_userId_idx/)
		expect(steps.filter((step) => /^(SEARCH|SCAN) gm\b/.test(step))).toEqual(['SCAN gm'])
	})
})
