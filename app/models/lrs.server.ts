// An organisation's Learning Record Store connection (decision 022): set by its owner, the
// password sealed and never shown again.
import { randomBytes } from 'node:crypto'
import { prisma } from '~/utils/db.server.ts'
import { seal, unseal } from '~/utils/sealed.server.ts'

const PURPOSE = 'lrs-password'

export async function getLrsConnection(orgId: string) {
	return prisma.lrsConnection.findUnique({ where: { orgId }, select: { endpoint: true, username: true, updatedAt: true } })
}

/** Saves the store; an empty password keeps the one already saved. */
export async function saveLrsConnection(orgId: string, connection: { endpoint: string; username: string; password: string | undefined }) {
	const secret = connection.password ? { secretSealed: seal(PURPOSE, connection.password) } : {}
	await prisma.lrsConnection.upsert({
		where: { orgId },
		create: { orgId, endpoint: connection.endpoint, username: connection.username, secretSealed: seal(PURPOSE, connection.password ?? ''), actorSalt: randomBytes(32).toString('base64url') },
		update: { endpoint: connection.endpoint, username: connection.username, ...secret },
	})
}

/** Disconnects the store. Statements not yet delivered stay and go out if it is connected again. */
export async function removeLrsConnection(orgId: string) {
	await prisma.lrsConnection.deleteMany({ where: { orgId } })
}

/** Where and how to send statements: the endpoint and the Basic credentials (null if unreadable). */
export async function lrsCredentials(orgIds: string[]) {
	const rows = await prisma.lrsConnection.findMany({ where: { orgId: { in: orgIds } }, select: { orgId: true, endpoint: true, username: true, secretSealed: true } })
	return new Map(
		rows.map((row) => {
			const password = unseal(PURPOSE, row.secretSealed)
			return [row.orgId, password === null ? null : { endpoint: row.endpoint, authorization: `Basic ${Buffer.from(`${row.username}:${password}`).toString('base64')}` }]
		}),
	)
}
