// "Who is asking, and may they?": every loader and action that touches a person's or an
// organisation's data goes through one of these (decisions 010 and 019). They read the request's
// one identity (identity.server.ts) and add at most one query of their own.
import { data, redirect } from '@remix-run/node'
import { reportAccess } from '~/orgs/report-access.ts'
import { MANAGE_ROLES, REPORT_ROLES, type OrgRole } from '~/orgs/roles.ts'
import { findGroupWithRole, findOrgWithRole } from '~/models/org-access.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { getIdentity, type SignedInUser } from '~/auth/identity.server.ts'

export async function requireUser(request: Request): Promise<SignedInUser> {
	const identity = await getIdentity(request)
	if (!identity) {
		const url = new URL(request.url)
		throw redirect(`/login?${new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` })}`)
	}
	return identity.user
}

export async function requireAnonymous(request: Request) {
	if (await getIdentity(request)) throw redirect('/account')
}

export async function forbidden(request: Request): Promise<never> {
	const t = await i18nServer.getFixedT(await getLocale(request))
	throw data({ error: t('errors.forbidden.body') }, { status: 403 })
}

/** The person's role in an organisation they were found in: platform admins pass as owners. */
function roleOf(user: SignedInUser, membership: string | null): OrgRole | undefined {
	return user.isPlatformAdmin ? 'owner' : ((membership ?? undefined) as OrgRole | undefined)
}

/**
 * The signed-in user's membership of the organisation with one of the roles. An unknown
 * organisation is a 404; a known one without the role is a 403.
 */
export async function requireOrgRole(request: Request, orgSlug: string | undefined, roles: readonly OrgRole[]) {
	const user = await requireUser(request)
	const found = orgSlug ? await findOrgWithRole(orgSlug, user.id) : null
	if (!found) throw data(null, { status: 404 })
	const { org } = found
	const role = roleOf(user, found.role)
	if (!role || !roles.includes(role)) return forbidden(request)
	return { user, org, role }
}

/**
 * A group of the organisation in the URL, for the roles given, read with its organisation
 * and the person's membership. An unknown organisation is a 404;
 * a group of an organisation the person has no role in is a 403 (its staff get a 404 for
 * another organisation's group, anyone else the organisation's 403). One statement after the
 * identity (decision 019).
 */
export async function requireGroupRole(request: Request, orgSlug: string | undefined, groupId: string | undefined, roles: readonly OrgRole[]) {
	const user = await requireUser(request)
	const found = orgSlug && groupId ? await findGroupWithRole(orgSlug, groupId, user.id) : null
	// Not here: a 404 for the organisation's staff, and what the organisation's pages say to
	// anyone else (404 for an unknown organisation, 403 for a known one).
	if (!found) return (await requireOrgRole(request, orgSlug, roles)) && notFound()
	const { group, org } = found
	const role = roleOf(user, found.role)
	if (!role || !roles.includes(role)) return forbidden(request)
	return { user, org, role, group }
}

/**
 * Pupil accounts (PINs, login cards, the class CSV): a school's, for those who manage it. A
 * workplace has none — its staff are invited by email (decision 020) — so there it is a 404.
 */
export async function requireSchoolGroup(request: Request, orgSlug: string | undefined, groupId: string | undefined) {
	const access = await requireGroupRole(request, orgSlug, groupId, MANAGE_ROLES)
	if (access.org.kind !== 'school') notFound()
	return access
}

/** The school-wide side of pupil accounts (the OneRoster import, decision 023): as requireSchoolGroup, for the organisation. */
export async function requireSchoolOrg(request: Request, orgSlug: string | undefined) {
	const access = await requireOrgRole(request, orgSlug, MANAGE_ROLES)
	if (access.org.kind !== 'school') notFound()
	return access
}

function notFound(): never {
	throw data(null, { status: 404 })
}

/**
 * The organisation's certificates: reading them is a report (REPORT_ROLES, and only while individuals
 * may be seen); revoking one is administration (MANAGE_ROLES).
 */
export async function requireOrgCertificates(request: Request, orgSlug: string | undefined, roles: readonly OrgRole[] = REPORT_ROLES) {
	const access = await requireOrgRole(request, orgSlug, roles)
	if (!reportAccess(access.org, access.role).individuals) return forbidden(request)
	return access
}
