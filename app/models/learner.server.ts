// Who is learning: a guest learner is a random id in a signed, httpOnly cookie plus a database
// row, created on the first write (reading lessons creates nothing). Accounts (signed-in users'
// learners) plug in here.
import { createCookie, data } from '@remix-run/node'
import { prisma } from '~/utils/db.server.ts'
import { getEnv, sessionSecret } from '~/utils/env.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'

const COOKIE_NAME = 'learner'

function learnerCookie() {
	const env = getEnv()
	return createCookie(COOKIE_NAME, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: env.PUBLIC_URL?.startsWith('https:') ?? false,
		maxAge: 60 * 60 * 24 * 365,
		secrets: [sessionSecret()],
	})
}

type LearnerCookie = { id: string } | { forged: true } | null

async function readLearnerCookie(request: Request): Promise<LearnerCookie> {
	const header = request.headers.get('Cookie')
	if (!header?.split(';').some((part) => part.trim().startsWith(`${COOKIE_NAME}=`))) return null
	const value: unknown = await learnerCookie().parse(header)
	return typeof value === 'string' && value.length > 0 ? { id: value } : { forged: true }
}

/** The learner's id for reading progress, or null for someone who has not learned anything yet. */
export async function getLearnerId(request: Request): Promise<string | null> {
	const cookie = await readLearnerCookie(request)
	return cookie && 'id' in cookie ? cookie.id : null
}

/**
 * The learner a write belongs to: the cookie's learner, or a new guest learner (with the
 * Set-Cookie header to send). A cookie that is not ours, or names no learner, is refused with a
 * translated 400 and nothing is written.
 */
export async function requireLearnerForWrite(request: Request): Promise<{ learnerId: string; setCookie: string | null }> {
	const cookie = await readLearnerCookie(request)
	if (cookie && 'id' in cookie) {
		const learner = await prisma.learner.findUnique({ where: { id: cookie.id }, select: { id: true } })
		if (learner) return { learnerId: learner.id, setCookie: null }
	}
	if (cookie) {
		const t = await i18nServer.getFixedT(await getLocale(request))
		throw data({ error: t('errors.learnerUnknown') }, { status: 400, headers: { 'Set-Cookie': await learnerCookie().serialize('', { maxAge: 0 }) } })
	}
	const learner = await prisma.learner.create({ data: {}, select: { id: true } })
	return { learnerId: learner.id, setCookie: await learnerCookie().serialize(learner.id) }
}

/** For tests and the seed: the cookie header that identifies a learner. */
export async function learnerCookieHeader(learnerId: string): Promise<string> {
	return (await learnerCookie().serialize(learnerId)).split(';')[0]!
}
