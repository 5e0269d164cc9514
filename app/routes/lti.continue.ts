// /lti/continue: the new tab a launch inside the LMS's frame opens (decision 021). Its one-time
// token signs the LMS user in here, where the session cookie works, and opens the course.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { redeemHandoff, signInAs } from '~/auth/lti.server.ts'
import { ltiRefusalPage } from '~/server/lti-pages.server.ts'
import { parseForm } from '~/utils/forms.server.ts'
import { safeRedirect } from '~/utils/safe-redirect.ts'
import { publicOrigin } from '~/utils/origin.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	throw await ltiRefusalPage(request, 405, 'lti.launchOnly', { Allow: 'POST' })
}

export async function action({ request }: ActionFunctionArgs) {
	const submission = await parseForm(request, z.object({ token: z.string().max(8000) }))
	const handoff = submission.status === 'success' ? await redeemHandoff(submission.value.token) : null
	if (!handoff) throw await ltiRefusalPage(request, 400, 'lti.handoff.expired')
	const headers = new Headers({ Location: safeRedirect(handoff.target, publicOrigin(request), '/courses'), 'Cache-Control': 'no-store' })
	headers.append('Set-Cookie', await signInAs(handoff.userId))
	return new Response(null, { status: 303, headers })
}
