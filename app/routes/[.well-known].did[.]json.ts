// The issuer's DID document (did:web resolves to https://HOST/.well-known/did.json): the public
// keys that credentials from this deployment are signed with (decision 017).
import { didWebFor } from '~/certificates/did-web.server.ts'
import { issuerDidDocument } from '~/certificates/issuer-key.server.ts'
import { publicOrigin } from '~/utils/origin.server.ts'

export async function loader({ request }: { request: Request }) {
	const document = await issuerDidDocument(didWebFor(publicOrigin(request)))
	return new Response(JSON.stringify(document, null, 2), {
		headers: { 'Content-Type': 'application/did+json', 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=300' },
	})
}
