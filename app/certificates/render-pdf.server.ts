// The certificate PDF, with pdf-lib and its fonts loaded on the first one instead of at start
// (they were 150 ms of a cold start's 2.2 s of CPU, issue 18).
import type { CertificatePdf } from '~/certificates/pdf.server.ts'

export async function renderCertificatePdf(certificate: CertificatePdf): Promise<Uint8Array> {
	const { renderCertificatePdf: render } = await import('~/certificates/pdf.server.ts')
	return render(certificate)
}
