// The organisation (or group) an organisation page is about, with the asking person's role in
// it, in one statement. Every organisation page's guard runs this, and Prisma reads each relation
// with a statement of its own on SQLite (relation joins are refused there), so the join is
// written out here: plain SQL that reads the same on SQLite and PostgreSQL (decision 019).
import { prisma } from '~/utils/db.server.ts'

export type OrgOfPage = {
	id: string
	slug: string
	name: string
	kind: string
	code: string
	locale: string
	aggregateOnly: boolean
	minReportGroupSize: number
}
export type GroupOfPage = { id: string; name: string; joinCode: string }

// Drivers differ in how a boolean and an integer come back (SQLite: 0/1, possibly a bigint).
type OrgColumns = Omit<OrgOfPage, 'aggregateOnly' | 'minReportGroupSize'> & { aggregateOnly: boolean | number | bigint; minReportGroupSize: number | bigint; role: string | null }

function orgOf(row: OrgColumns): { org: OrgOfPage; role: string | null } {
	const { role, aggregateOnly, minReportGroupSize, ...rest } = row
	return { org: { ...rest, aggregateOnly: Boolean(Number(aggregateOnly)), minReportGroupSize: Number(minReportGroupSize) }, role }
}

/** The organisation with this slug and the person's role in it (null: no membership); null if there is none. */
export async function findOrgWithRole(slug: string, userId: string) {
	const rows = await prisma.$queryRaw<OrgColumns[]>`
		SELECT o."id", o."slug", o."name", o."kind", o."code", o."locale", o."aggregateOnly", o."minReportGroupSize", m."role"
		FROM "Organisation" o
		LEFT JOIN "Membership" m ON m."orgId" = o."id" AND m."userId" = ${userId}
		WHERE o."slug" = ${slug}
		LIMIT 1`
	return rows[0] ? orgOf(rows[0]) : null
}

/** The group with this id in the organisation with this slug, the organisation, and the person's role there. */
export async function findGroupWithRole(slug: string, groupId: string, userId: string) {
	const rows = await prisma.$queryRaw<(OrgColumns & { groupId: string; groupName: string; joinCode: string })[]>`
		SELECT g."id" AS "groupId", g."name" AS "groupName", g."joinCode",
			o."id", o."slug", o."name", o."kind", o."code", o."locale", o."aggregateOnly", o."minReportGroupSize", m."role"
		FROM "Group" g
		JOIN "Organisation" o ON o."id" = g."orgId"
		LEFT JOIN "Membership" m ON m."orgId" = o."id" AND m."userId" = ${userId}
		WHERE g."id" = ${groupId} AND o."slug" = ${slug}
		LIMIT 1`
	const row = rows[0]
	if (!row) return null
	const { groupId: id, groupName: name, joinCode, ...org } = row
	return { group: { id, name, joinCode } satisfies GroupOfPage, ...orgOf(org) }
}
