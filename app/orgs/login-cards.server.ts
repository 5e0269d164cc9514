import { qrSvg } from '~/utils/qr.server.ts'

/** What every login card of the organisation shows besides the pupil's own lines. */
export async function cardSheet(origin: string, org: { name: string; code: string }) {
	// The school code rides along, so a pupil who scans the QR code types only name and PIN.
	const signInUrl = `${origin}/login?${new URLSearchParams({ school: org.code })}`
	return { orgName: org.name, orgCode: org.code, signInUrl, qr: await qrSvg(signInUrl) }
}
