// /lti/jwks: the tool's public keys, which platforms check Deep Linking responses and grade-service
// token requests against (decision 021).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { ltiEnabled, toolJwks } from '~/lti/keys.server.ts'
import { ltiOffPage } from '~/server/lti-pages.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	if (!ltiEnabled()) throw await ltiOffPage(request)
	return new Response(JSON.stringify(await toolJwks()), {
		headers: { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' },
	})
}
