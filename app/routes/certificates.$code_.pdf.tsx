// /certificates/:code.pdf (app/server/index.ts maps it here): the holder's certificate as a PDF,
// in the language of the request.
import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { certificateTexts } from '~/certificates/present.server.ts'
import { findCertificate } from '~/models/certificate.server.ts'
import { requireUser } from '~/auth/guards.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { publicOrigin } from '~/utils/origin.server.ts'
import { renderCertificatePdf } from '~/certificates/render-pdf.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const certificate = params.code ? await findCertificate(params.code) : null
	if (!certificate || certificate.userId !== user.id) throw data(null, { status: 404 })
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const pdf = await renderCertificatePdf(certificateTexts(certificate, locale, t, publicOrigin(request)))
	return new Response(Buffer.from(pdf), {
		headers: {
			'Content-Type': 'application/pdf',
			// A neutral file name: nothing about the topic in a downloads folder.
			'Content-Disposition': `attachment; filename="certificate-${certificate.code}.pdf"`,
			'Cache-Control': 'no-store',
		},
	})
}
