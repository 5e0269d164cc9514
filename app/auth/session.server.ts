// Sessions are rows, so they can be revoked; the cookie holds a random token and the database
// only its SHA-256, so a copy of the database does not let anyone in (decision 010).
import { createHash, randomBytes } from 'node:crypto'
import { siteCookie } from '~/utils/cookies.server.ts'
import { prisma } from '~/utils/db.server.ts'

const SESSION_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000

function sessionCookie() {
	return siteCookie('qs', { maxAge: SESSION_DAYS * 24 * 60 * 60, signed: true })
}

/** The session row's id: the database keeps only the token's hash. */
export const idOf = (token: string) => createHash('sha256').update(token).digest('hex')

/** A new session for the user; returns the Set-Cookie header. Signing in always makes a new one. */
export async function createSession(userId: string): Promise<string> {
	const token = randomBytes(32).toString('base64url')
	await prisma.session.create({ data: { id: idOf(token), userId, expiresAt: new Date(Date.now() + SESSION_DAYS * DAY_MS) } })
	return sessionCookie().serialize(token)
}

/** The session cookie's token, or null when there is none or it is not ours. */
export async function sessionToken(request: Request): Promise<string | null> {
	const value: unknown = await sessionCookie().parse(request.headers.get('Cookie'))
	return typeof value === 'string' && value.length > 0 && value.length < 200 ? value : null
}

/** Ends this session; returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request): Promise<string> {
	const token = await sessionToken(request)
	if (token) await prisma.session.deleteMany({ where: { id: idOf(token) } })
	return sessionCookie().serialize('', { maxAge: 0 })
}

export async function destroyAllSessions(userId: string) {
	await prisma.session.deleteMany({ where: { userId } })
}
