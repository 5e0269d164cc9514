// "Keep this language for your account?": the offer shown after signing in in a language other
// than the account's (app/utils/language-offer.server.ts) posts here.
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { requireUser } from '~/auth/guards.server.ts'
import { LOCALES } from '~/config/i18n.ts'
import { prisma } from '~/utils/db.server.ts'
import { redirectWithFlash } from '~/utils/flash.server.ts'
import { errorPageHtml } from '~/server/error-page.server.ts'
import { parseForm } from '~/utils/forms.server.ts'
import { getLocale, i18nServer, localeCookie } from '~/utils/i18n.server.ts'
import { safeRedirect } from '~/utils/safe-redirect.ts'

const languageSchema = z.object({ locale: z.enum(LOCALES), redirectTo: z.string().optional() })

export async function loader() {
	return redirect('/account')
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const submission = await parseForm(request, languageSchema)
	if (submission.status !== 'success') {
		// A resource route: the refusal is a small translated page, like the server's own.
		const locale = await getLocale(request)
		const html = errorPageHtml(locale, await i18nServer.getFixedT(locale), { title: 'errors.badRequest.title', body: 'errors.badForm' })
		return new Response(html, { status: 400, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } })
	}
	const { locale, redirectTo } = submission.value
	await prisma.user.update({ where: { id: user.id }, data: { locale } })
	return redirectWithFlash(safeRedirect(redirectTo, new URL(request.url).origin, '/account'), 'languageOffer.saved', {
		headers: { 'Set-Cookie': await localeCookie.serialize(locale) },
	})
}
