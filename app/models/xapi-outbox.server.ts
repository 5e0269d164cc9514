// The xAPI outbox (decision 022): statements are written in the same transaction as the lesson
// completion or quiz attempt they describe, for each organisation that connected a Learning
// Record Store and assigned the course to a class or team the learner is in. Only such an
// organisation hears about the learner, and only about the courses it assigned.
import { randomUUID } from 'node:crypto'
import type { Prisma } from '~/generated/prisma/client.ts'
import { prisma } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { actorName, registrationOf } from '~/xapi/pseudonyms.server.ts'
import { pseudonymousActor, type Statement, type StatementFrame } from '~/xapi/statements.ts'

type Tx = Prisma.TransactionClient

/** The address actors' accounts and activity ids are named under. */
function xapiHomePage(): string {
	const env = getEnv()
	return (env.PUBLIC_URL ?? `http://localhost:${env.PORT || 3000}`).replace(/\/$/, '')
}

/**
 * Queues the statements `build` makes for each organisation that should hear about this learner
 * and course. `frame()` gives each statement its own id.
 */
export async function queueStatements(tx: Tx, learnerId: string, course: string, build: (frame: () => StatementFrame) => Statement[]): Promise<number> {
	const stores = await tx.lrsConnection.findMany({
		where: {
			org: {
				groups: {
					some: { archivedAt: null, assignments: { some: { courseSlug: course } }, members: { some: { user: { learner: { id: learnerId } } } } },
				},
			},
		},
		select: { orgId: true, actorSalt: true },
	})
	if (stores.length === 0) return 0
	const origin = xapiHomePage()
	const timestamp = new Date()
	const rows = stores.flatMap((store) => {
		const actor = pseudonymousActor(origin, actorName(store.actorSalt, learnerId))
		const registration = registrationOf(store.actorSalt, learnerId, course)
		const statements = build(() => ({ id: randomUUID(), origin, actor, registration, course, timestamp }))
		return statements.map((statement) => ({ id: statement.id, orgId: store.orgId, body: JSON.stringify(statement), createdAt: timestamp, nextAttemptAt: timestamp }))
	})
	await tx.xapiStatement.createMany({ data: rows })
	return rows.length
}

/** What the owner's page shows: how many wait, how many arrived, the last problem. */
export async function outboxStatus(orgId: string) {
	const [pending, delivered, lastFailure] = await Promise.all([
		prisma.xapiStatement.count({ where: { orgId, deliveredAt: null } }),
		prisma.xapiStatement.count({ where: { orgId, deliveredAt: { not: null } } }),
		prisma.xapiStatement.findFirst({ where: { orgId, deliveredAt: null, lastError: { not: null } }, orderBy: { nextAttemptAt: 'desc' }, select: { lastError: true, nextAttemptAt: true } }),
	])
	return { pending, delivered, lastError: lastFailure?.lastError ?? null, nextAttemptAt: lastFailure?.nextAttemptAt ?? null }
}
