// Who is asking is resolved once per request (decision 019): the root loader, the route's loader
// and its guards share one identity query, though Remix gives each loader its own Request copy.
import { beforeAll, describe, expect, test } from 'vitest'
import { getIdentity } from '~/auth/identity.server.ts'
import { createSession } from '~/auth/session.server.ts'
import { warmUpLessons } from '~/courses/lesson-code.server.ts'
import { createGroup, createOrganisation, createUser } from '~/models/factories.server.ts'
import * as root from '~/root.tsx'
import * as groupRoute from '~/routes/orgs.$org.groups.$group.tsx'
import * as lessonRoute from '~/routes/courses.$course.lessons.$lesson.tsx'
import { requireGroupRole, requireOrgRole } from '~/auth/guards.server.ts'
import { MANAGE_ROLES } from '~/orgs/roles.ts'
import { prisma } from '~/utils/db.server.ts'
import { withRequestScope } from '~/utils/request-scope.server.ts'
import { get } from '../setup/requests.ts'

let queries = 0
beforeAll(() => {
	;(prisma as unknown as { $on(event: 'query', listener: () => void): void }).$on('query', () => queries++)
})

async function counted<T>(work: () => Promise<T>): Promise<{ result: T; queries: number }> {
	queries = 0
	const result = await work()
	return { result, queries }
}

/** What Remix does: each loader gets a copy of the request, all inside one request scope. */
const copy = (request: Request) => new Request(request.url, { headers: request.headers })

async function signedIn() {
	const user = await createUser(prisma)
	return { user, cookie: { Cookie: (await createSession(user.id)).split(';')[0]! } }
}

describe('identity once per request', () => {
	test('a signed-in lesson page makes at most two queries in all (root and route loaders)', async () => {
		await warmUpLessons()
		const { cookie } = await signedIn()
		const request = get('/courses/sample-course/lessons/first-lesson?lng=en', cookie)
		const { queries: count } = await counted(() =>
			withRequestScope(async () => {
				await root.loader({ request: copy(request), params: {}, context: {} })
				await lessonRoute.loader({ request: copy(request), params: { course: 'sample-course', lesson: 'first-lesson' }, context: {} })
			}),
		)
		expect(count).toBeGreaterThan(0)
		expect(count).toBeLessThanOrEqual(2)
	})

	test('a group page’s guard makes at most two queries (the identity, then the group with its organisation and membership); the page reads the identity once', async () => {
		const { user, cookie } = await signedIn()
		const org = await createOrganisation(prisma, { ownerId: user.id })
		const group = await createGroup(prisma, org.id)
		const request = get(`/orgs/${org.slug}/groups/${group.id}?lng=en`, cookie)
		const guard = await counted(() => withRequestScope(() => requireGroupRole(copy(request), org.slug, group.id, MANAGE_ROLES)))
		expect(guard.result.role).toBe('owner')
		expect(guard.queries).toBeLessThanOrEqual(2)
		let identities = 0
		const sessionQueries = () => identities
		;(prisma as unknown as { $on(event: 'query', listener: (event: { query: string }) => void): void }).$on('query', (event) => {
			// Prisma names the schema (SQLite "main", PostgreSQL "public"); the identity's own SQL does not.
			if (/FROM ([`"]?(main|public)[`"]?\.)?[`"]?Session[`"]?/i.test(event.query)) identities++
		})
		await withRequestScope(async () => {
			await root.loader({ request: copy(request), params: {}, context: {} })
			await groupRoute.loader({ request: copy(request), params: { org: org.slug, group: group.id }, context: {} })
		})
		expect(sessionQueries()).toBe(1)
	})

	test('an organisation page’s guard makes at most two queries, and reads the organisation’s privacy settings as stored', async () => {
		const { user, cookie } = await signedIn()
		const org = await createOrganisation(prisma, { ownerId: user.id })
		await prisma.organisation.update({ where: { id: org.id }, data: { aggregateOnly: true, minReportGroupSize: 7 } })
		const guard = await counted(() => withRequestScope(() => requireOrgRole(copy(get(`/orgs/${org.slug}?lng=en`, cookie)), org.slug, ['owner'])))
		expect(guard.result).toMatchObject({ role: 'owner', org: { id: org.id, slug: org.slug, aggregateOnly: true, minReportGroupSize: 7 } })
		expect(guard.queries).toBeLessThanOrEqual(2)
	})

	test('another request resolves its own identity; a revoked session is gone on the next request', async () => {
		const { user, cookie } = await signedIn()
		const request = get('/', cookie)
		expect((await withRequestScope(() => getIdentity(copy(request))))?.user.id).toBe(user.id)
		await prisma.session.deleteMany({ where: { userId: user.id } })
		expect(await withRequestScope(() => getIdentity(copy(request)))).toBeNull()
	})
})
