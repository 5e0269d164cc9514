// Who is asking: the session cookie resolved to its user, in one query, once per request (decision 019). The root loader, every guard, the learner helpers and the writes read it
// from here.
import { oncePerRequest } from '~/utils/request-scope.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { idOf, sessionToken } from '~/auth/session.server.ts'

export type SignedInUser = { id: string; displayName: string; email: string | null; username: string | null; pupilOrgId: string | null; locale: string; discreetMode: boolean; isPlatformAdmin: boolean }
/** The user, and their learner row's id when they have learned anything (read in the same statement, so a write needs no lookup). */
type Identity = { user: SignedInUser; learnerId: string | null }
// Drivers differ in how a boolean comes back (SQLite may give 0/1 or a bigint).
type IdentityRow = Omit<SignedInUser, 'discreetMode' | 'isPlatformAdmin'> & { discreetMode: unknown; isPlatformAdmin: unknown; expiresAt: Date | string; learnerId: string | null }
const flag = (value: unknown) => Boolean(Number(value))

const KEY = 'identity'

async function resolveIdentity(request: Request): Promise<Identity | null> {
	const token = await sessionToken(request)
	if (!token) return null
	// One statement, from the session's primary key to its user's and their learner's: Prisma would make it three (it
	// reads each relation on its own on SQLite), and its relation filter (the user whose sessions
	// include this one) is a scan of every user on SQLite, 0.3–8 ms at 22,000 accounts depending on
	// where the id sorts. Plain SQL that reads the same on SQLite and PostgreSQL (decision 019).
	const rows = await prisma.$queryRaw<IdentityRow[]>`
		SELECT u."id", u."displayName", u."email", u."username", u."pupilOrgId", u."locale", u."discreetMode", u."isPlatformAdmin", s."expiresAt", l."id" AS "learnerId"
		FROM "Session" s
		JOIN "User" u ON u."id" = s."userId"
		LEFT JOIN "Learner" l ON l."userId" = u."id"
		WHERE s."id" = ${idOf(token)}
		LIMIT 1`
	const row = rows[0]
	// An expired session is refused here; start-up deletes them.
	if (!row || new Date(row.expiresAt).getTime() <= Date.now()) return null
	const { expiresAt: _expiresAt, learnerId, discreetMode, isPlatformAdmin, ...user } = row
	return { user: { ...user, discreetMode: flag(discreetMode), isPlatformAdmin: flag(isPlatformAdmin) }, learnerId }
}

/** The signed-in person, or null for a guest (no cookie, a forged one, an expired or revoked session). */
export function getIdentity(request: Request): Promise<Identity | null> {
	return oncePerRequest(request, KEY, () => resolveIdentity(request))
}

export async function getUser(request: Request): Promise<SignedInUser | null> {
	return (await getIdentity(request))?.user ?? null
}
