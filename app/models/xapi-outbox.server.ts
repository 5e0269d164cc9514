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
	// Plain SQL (it reads the same on SQLite and PostgreSQL): every completion and quiz submission
	// asks, and Prisma's nested relation filter cost more CPU in its query compiler than here. The
	// table has a row per connected organisation: read whole, each checked by its keys.
	const stores = await tx.$queryRaw<{ orgId: string; actorSalt: string }[]>`
		SELECT "orgId", "actorSalt" FROM "LrsConnection"
		WHERE EXISTS (
			SELECT 1 FROM "Learner" l
			JOIN "GroupMember" m ON m."userId" = l."userId"
			JOIN "Group" g ON g."id" = m."groupId" AND g."orgId" = "LrsConnection"."orgId" AND g."archivedAt" IS NULL
			JOIN "Assignment" a ON a."groupId" = g."id" AND a."courseSlug" = ${course}
			WHERE l."id" = ${learnerId})`
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
