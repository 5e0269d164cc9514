// "Keep this language for your account?": the offer shown after signing in in a language other
// than the account's (app/utils/language-offer.server.ts) posts here.
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { requireUser } from '~/auth/guards.server.ts'
import { LOCALES } from '~/config/i18n.ts'
import { setAccountLanguage } from '~/models/user.server.ts'
import { redirectWithFlash } from '~/utils/flash.server.ts'
import { parseForm, refusal } from '~/utils/forms.server.ts'
import { localeCookie } from '~/utils/i18n.server.ts'
import { safeRedirect } from '~/utils/safe-redirect.ts'

const languageSchema = z.object({ locale: z.enum(LOCALES), redirectTo: z.string().optional() })

export async function loader() {
	return redirect('/account')
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const submission = await parseForm(request, languageSchema)
	// A resource route: the server answers the refusal as its small translated page.
	if (submission.status !== 'success') throw await refusal(request, 'errors.badForm')
	const { locale, redirectTo } = submission.value
	await setAccountLanguage(user.id, locale)
	return redirectWithFlash(safeRedirect(redirectTo, new URL(request.url).origin, '/account'), 'languageOffer.saved', {
		headers: { 'Set-Cookie': await localeCookie.serialize(locale) },
	})
}
