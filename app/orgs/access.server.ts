// The owner's or teacher's view of one group (another organisation's group is a 404), with what
// login cards need.
import { requireGroupRole } from '~/utils/auth.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { publicOrigin } from '~/utils/origin.server.ts'
import { qrSvg } from '~/utils/qr.server.ts'

export async function requireTeacherGroup(request: Request, params: { org?: string; group?: string }) {
	const { org, user, group } = await requireGroupRole(request, params.org, params.group, ['owner', 'teacher'])
	const { locale } = await prisma.organisation.findUniqueOrThrow({ where: { id: org.id }, select: { locale: true } })
	return { org: { ...org, locale }, user, group }
}

/** What every login card of the organisation shows besides the pupil's own lines. */
export async function cardSheet(request: Request, org: { name: string; code: string }) {
	// The school code rides along, so a pupil who scans the QR code types only name and PIN.
	const signInUrl = `${publicOrigin(request)}/login?${new URLSearchParams({ school: org.code })}`
	return { orgName: org.name, orgCode: org.code, signInUrl, qr: await qrSvg(signInUrl) }
}
