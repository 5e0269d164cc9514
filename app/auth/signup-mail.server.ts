// The mail an email sign-up sends: to a new address the link that finishes the sign-up, to an
// address that already has an account a note saying so. The page shows the same either way.
import type { Locale } from '~/config/i18n.ts'
import { createPendingSignup } from '~/models/pending-signup.server.ts'
import { i18nServer } from '~/utils/i18n.server.ts'
import { sendMail } from '~/models/mail.server.ts'
import { publicOrigin } from '~/utils/origin.server.ts'

export async function mailSignupLink(request: Request, input: { email: string; displayName: string; passwordHash: string; locale: Locale }) {
	const t = await i18nServer.getFixedT(input.locale)
	const origin = publicOrigin(request)
	const token = await createPendingSignup(input)
	const text = token
		? t('security.signup.mailText', { link: `${origin}/signup/${token}?lng=${input.locale}` })
		: t('security.signup.existingText', { login: `${origin}/login?lng=${input.locale}`, reset: `${origin}/reset-password?lng=${input.locale}` })
	await sendMail({ to: input.email.toLowerCase(), subject: t('security.signup.mailSubject'), text })
}
