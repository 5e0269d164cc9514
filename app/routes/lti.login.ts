// /lti/login: OIDC third-party initiated login (LTI Security Framework §5.1.1). The platform
// sends the browser here (GET or POST); we send it on to the platform's authorisation endpoint
// with a state and a nonce bound to this browser by a cookie, and the id_token comes back to
// /lti/launch.
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { startLogin } from '~/auth/lti.server.ts'
import { ltiEnabled } from '~/lti/keys.server.ts'
import { ltiOffPage, ltiRefusalPage } from '~/server/lti-pages.server.ts'
import { publicOrigin } from '~/utils/origin.server.ts'

const url = z.string().max(2000).url()
const loginSchema = z.object({
	iss: url,
	login_hint: z.string().min(1).max(2000),
	target_link_uri: url,
	lti_message_hint: z.string().max(4000).optional(),
	client_id: z.string().min(1).max(255).optional(),
	lti_deployment_id: z.string().min(1).max(255).optional(),
})

async function login(request: Request, fields: FormData) {
	if (!ltiEnabled()) throw await ltiOffPage(request)
	const submission = parseWithZod(fields, { schema: loginSchema })
	if (submission.status !== 'success') throw await ltiRefusalPage(request, 400, 'lti.refused.malformed')
	const origin = publicOrigin(request)
	// The launch may only lead to one of our own pages.
	if (new URL(submission.value.target_link_uri).origin !== origin) throw await ltiRefusalPage(request, 400, 'lti.refused.target')
	const started = await startLogin(submission.value, `${origin}/lti/launch`)
	if (!started) throw await ltiRefusalPage(request, 403, 'lti.refused.platform')
	return new Response(null, { status: 302, headers: { Location: started.location, 'Set-Cookie': started.setCookie, 'Cache-Control': 'no-store' } })
}

export async function loader({ request }: LoaderFunctionArgs) {
	const fields = new FormData()
	for (const [name, value] of new URL(request.url).searchParams) fields.append(name, value)
	return login(request, fields)
}

export async function action({ request }: ActionFunctionArgs) {
	return login(request, await request.formData().catch(() => new FormData()))
}
