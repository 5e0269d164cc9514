// Who is asking: the session cookie resolved to its user and learner, in one query, once per
// request (decision 019). The root loader, every guard, the learner helpers and the writes read it
// from here.
import { forgetForRequest, oncePerRequest } from '~/utils/request-scope.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { idOf, sessionToken } from './session.server.ts'

const userSelect = {
	id: true,
	displayName: true,
	email: true,
	username: true,
	pupilOrgId: true,
	locale: true,
	discreetMode: true,
	isPlatformAdmin: true,
	learner: { select: { id: true } },
} as const

export type SignedInUser = { id: string; displayName: string; email: string | null; username: string | null; pupilOrgId: string | null; locale: string; discreetMode: boolean; isPlatformAdmin: boolean }
export type Identity = { user: SignedInUser; learnerId: string | null }

const KEY = 'identity'

async function resolveIdentity(request: Request): Promise<Identity | null> {
	const token = await sessionToken(request)
	if (!token) return null
	const session = await prisma.session.findUnique({ where: { id: idOf(token) }, select: { expiresAt: true, user: { select: userSelect } } })
	// An expired session is refused here; start-up deletes the old rows.
	if (!session || session.expiresAt <= new Date()) return null
	const { learner, ...user } = session.user
	return { user, learnerId: learner?.id ?? null }
}

/** The signed-in person, or null for a guest (no cookie, a forged one, an expired or revoked session). */
export function getIdentity(request: Request): Promise<Identity | null> {
	return oncePerRequest(request, KEY, () => resolveIdentity(request))
}

export async function getUser(request: Request): Promise<SignedInUser | null> {
	return (await getIdentity(request))?.user ?? null
}

/** After a write that changes what the identity holds (name, language, discreet mode, a new learner). */
export function forgetIdentity(request: Request) {
	forgetForRequest(request, KEY)
}
