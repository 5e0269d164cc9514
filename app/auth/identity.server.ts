// Who is asking: the session cookie resolved to its user, in one query, once per request (decision 019). The root loader, every guard, the learner helpers and the writes read it
// from here.
import { oncePerRequest } from '~/utils/request-scope.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { idOf, sessionToken } from '~/auth/session.server.ts'

const userSelect = {
	id: true,
	displayName: true,
	email: true,
	username: true,
	pupilOrgId: true,
	locale: true,
	discreetMode: true,
	isPlatformAdmin: true,
} as const

export type SignedInUser = { id: string; displayName: string; email: string | null; username: string | null; pupilOrgId: string | null; locale: string; discreetMode: boolean; isPlatformAdmin: boolean }
type Identity = { user: SignedInUser }

const KEY = 'identity'

async function resolveIdentity(request: Request): Promise<Identity | null> {
	const token = await sessionToken(request)
	if (!token) return null
	// One flat query: the user whose live session has this id (expired ones are refused here;
	// start-up deletes them).
	const user = await prisma.user.findFirst({ where: { sessions: { some: { id: idOf(token), expiresAt: { gt: new Date() } } } }, select: userSelect })
	return user ? { user } : null
}

/** The signed-in person, or null for a guest (no cookie, a forged one, an expired or revoked session). */
export function getIdentity(request: Request): Promise<Identity | null> {
	return oncePerRequest(request, KEY, () => resolveIdentity(request))
}

export async function getUser(request: Request): Promise<SignedInUser | null> {
	return (await getIdentity(request))?.user ?? null
}
