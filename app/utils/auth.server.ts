// "Who is asking, and may they?": every loader and action that touches a person's or an
// organisation's data goes through one of these (decision 010).
import { data, redirect } from '@remix-run/node'
import { findGroup } from '~/models/org.server.ts'
import { getSessionUserId } from '~/models/session.server.ts'
import { prisma } from './db.server.ts'
import { getLocale, i18nServer } from './i18n.server.ts'

export const ORG_ROLES = ['owner', 'teacher', 'learner'] as const
export type OrgRole = (typeof ORG_ROLES)[number]

const userSelect = { id: true, displayName: true, email: true, username: true, pupilOrgId: true, locale: true, discreetMode: true, isPlatformAdmin: true } as const

export async function getUser(request: Request) {
	const userId = await getSessionUserId(request)
	return userId ? prisma.user.findUnique({ where: { id: userId }, select: userSelect }) : null
}

export type SignedInUser = NonNullable<Awaited<ReturnType<typeof getUser>>>

export async function requireUser(request: Request): Promise<SignedInUser> {
	const user = await getUser(request)
	if (!user) {
		const url = new URL(request.url)
		throw redirect(`/login?${new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` })}`)
	}
	return user
}

export async function requireAnonymous(request: Request) {
	if (await getSessionUserId(request)) throw redirect('/account')
}

export async function forbidden(request: Request): Promise<never> {
	const t = await i18nServer.getFixedT(await getLocale(request))
	throw data({ error: t('errors.forbidden.body') }, { status: 403 })
}

/**
 * The signed-in user's membership of the organisation with one of the roles (platform admins
 * pass as owners). An unknown organisation is a 404; a known one without the role is a 403.
 */
export async function requireOrgRole(request: Request, orgSlug: string | undefined, roles: readonly OrgRole[]) {
	const user = await requireUser(request)
	const org = orgSlug ? await prisma.organisation.findUnique({ where: { slug: orgSlug }, select: { id: true, slug: true, name: true, kind: true, code: true, locale: true, aggregateOnly: true, minReportGroupSize: true } }) : null
	if (!org) throw data(null, { status: 404 })
	const membership = await prisma.membership.findUnique({ where: { orgId_userId: { orgId: org.id, userId: user.id } }, select: { role: true } })
	const role = user.isPlatformAdmin ? 'owner' : (membership?.role as OrgRole | undefined)
	if (!role || !roles.includes(role)) return forbidden(request)
	return { user, org, role }
}

/** A group of the organisation in the URL, for its owners and teachers; another's group is a 404. */
export async function requireGroupRole(request: Request, orgSlug: string | undefined, groupId: string | undefined, roles: readonly OrgRole[] = ['owner', 'teacher']) {
	const access = await requireOrgRole(request, orgSlug, roles)
	const group = await findGroup(access.org.id, groupId)
	if (!group) throw data(null, { status: 404 })
	return { ...access, group }
}

export async function requirePlatformAdmin(request: Request) {
	const user = await requireUser(request)
	if (!user.isPlatformAdmin) return forbidden(request)
	return user
}
