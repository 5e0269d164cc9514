// The signed Bitstring Status List credential: one bit per issued credential, set when its
// certificate is revoked. Wallets and verifiers fetch it (decision 017).
import { signedStatusList } from '~/models/credential.server.ts'
import { publicOrigin } from '~/utils/origin.server.ts'

export async function loader({ request }: { request: Request }) {
	const credential = await signedStatusList(publicOrigin(request))
	return new Response(JSON.stringify(credential), {
		// A revocation should reach verifiers within a minute.
		headers: { 'Content-Type': 'application/vc+ld+json', 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=60' },
	})
}
