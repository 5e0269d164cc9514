// /certificates/:code/credential: the holder's certificate as a signed Open Badges 3.0
// credential (JSON), for a wallet or an employer's system. The holder's alone, like the PDF.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { errorPageHtml } from '~/server/error-page.server.ts'
import { certificateState } from '~/certificates/state.ts'
import { findCertificate } from '~/models/certificate.server.ts'
import { signedOpenBadge } from '~/models/credential.server.ts'
import { requireUser } from '~/auth/guards.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { publicOrigin } from '~/utils/origin.server.ts'

/** A resource route's refusal as a small translated page (a download link opened in a browser). */
function refusedPage(locale: string, t: (key: string) => string, status: number, body: string) {
	const html = errorPageHtml(locale, t, { title: status === 404 ? 'errors.notFound.title' : 'verify.title', body })
	return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } })
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const certificate = params.code ? await findCertificate(params.code) : null
	if (!certificate || certificate.userId !== user.id) throw refusedPage(locale, t, 404, 'errors.notFound.body')
	// A revoked certificate's credential would only fail verification: none is handed out.
	if (certificateState(certificate) === 'revoked') throw refusedPage(locale, t, 410, 'verify.revoked')
	const credential = await signedOpenBadge(certificate, user, publicOrigin(request), locale, t)
	return new Response(JSON.stringify(credential, null, 2), {
		headers: {
			'Content-Type': 'application/vc+ld+json',
			// A neutral file name, like the PDF's.
			'Content-Disposition': `attachment; filename="certificate-${certificate.code}.json"`,
			'Cache-Control': 'no-store',
		},
	})
}
