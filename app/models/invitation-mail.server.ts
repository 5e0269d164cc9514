// The mail an invitation sends, in the organisation's language and with its kind's words. The
// subject names the organisation, never the training's topic: a shared inbox is no place for it.
import { isLocale, type Locale } from '~/config/i18n.ts'
import { roleLabelKey } from '~/orgs/roles.ts'
import { i18nServer } from '~/utils/i18n.server.ts'
import { sendMail } from '~/models/mail.server.ts'
import { INVITATION_DAYS } from '~/models/invitations.server.ts'

type Org = { name: string; kind: string; locale: string }

export async function mailInvitation(origin: string, org: Org, invitation: { email: string; name: string; role: string; token: string }) {
	const locale: Locale = isLocale(org.locale) ? org.locale : 'kk'
	const t = await i18nServer.getFixedT(locale)
	const role = t(roleLabelKey(invitation.role), { context: org.kind })
	await sendMail({
		to: invitation.email,
		subject: t('invitationMail.subject', { org: org.name }),
		text: t('invitationMail.text', { name: invitation.name, org: org.name, role, link: `${origin}/invitations/${invitation.token}?lng=${locale}`, days: INVITATION_DAYS, context: org.kind }),
	})
}
