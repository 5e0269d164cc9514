// /certificates/:code/credential: the holder's certificate as a signed Open Badges 3.0
// credential (JSON), for a wallet or an employer's system. The holder's alone, like the PDF.
import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { certificateState } from '~/certificates/state.ts'
import { findCertificate } from '~/models/certificate.server.ts'
import { signedOpenBadge } from '~/models/credential.server.ts'
import { requireUser } from '~/auth/guards.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { publicOrigin } from '~/utils/origin.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const certificate = params.code ? await findCertificate(params.code) : null
	if (!certificate || certificate.userId !== user.id) throw data(null, { status: 404 })
	const locale = await getLocale(request)
	// A revoked certificate's credential would only fail verification: none is handed out.
	if (certificateState(certificate) === 'revoked') throw data({ error: (await i18nServer.getFixedT(locale))('verify.revoked') }, { status: 410 })
	const credential = await signedOpenBadge(certificate, user, publicOrigin(request), locale, await i18nServer.getFixedT(locale))
	return new Response(JSON.stringify(credential, null, 2), {
		headers: {
			'Content-Type': 'application/vc+ld+json',
			// A neutral file name, like the PDF's.
			'Content-Disposition': `attachment; filename="certificate-${certificate.code}.json"`,
			'Cache-Control': 'no-store',
		},
	})
}
