// The owner's or teacher's view of one group: both must belong to the organisation in the URL,
// so ids of other organisations' groups are simply not found.
import { data } from '@remix-run/node'
import { findGroup } from '~/models/org.server.ts'
import { requireOrgRole } from '~/utils/auth.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { publicOrigin } from '~/utils/origin.server.ts'
import { qrPath } from './qr.server.ts'

export async function requireTeacherGroup(request: Request, params: { org?: string; group?: string }) {
	const { org, user } = await requireOrgRole(request, params.org, ['owner', 'teacher'])
	const group = await findGroup(org.id, params.group)
	if (!group) throw data(null, { status: 404 })
	const { locale } = await prisma.organisation.findUniqueOrThrow({ where: { id: org.id }, select: { locale: true } })
	return { org: { ...org, locale }, user, group }
}

/** What every login card of the organisation shows besides the pupil's own lines. */
export function cardSheet(request: Request, org: { name: string; code: string }) {
	const signInUrl = `${publicOrigin(request)}/login`
	return { orgName: org.name, orgCode: org.code, signInUrl, qr: qrPath(signInUrl) }
}
