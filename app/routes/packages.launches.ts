// POST /packages/launches: a package page in an LMS starts a launch (decision 022). The body is
// the package's signed token (text/plain, so the LMS's page needs no preflight); the answer is
// the launch's id, the key only that page keeps, and the link the learner opens in Qorgau.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { findCourse } from '~/courses/catalog.server.ts'
import { createLaunch } from '~/models/package-launch.server.ts'
import { readPackageToken } from '~/packages/package-token.server.ts'
import { corsJson, corsRefusal } from '~/server/cors.server.ts'
import { publicOrigin } from '~/utils/origin.server.ts'
import { writeWait, writeRules } from '~/utils/rate-limit.server.ts'

const MAX_BODY = 1000

export async function action({ request, context }: ActionFunctionArgs) {
	if (request.method !== 'POST') return corsRefusal(request, 405, 'packages.refused')
	const body = (await request.text().catch(() => '')).slice(0, MAX_BODY + 1)
	const claims = body.length <= MAX_BODY ? readPackageToken(body) : null
	if (!claims || !findCourse(claims.course)) return corsRefusal(request, 400, 'packages.refused')
	if ((await writeWait(context, writeRules.packageLaunch, null)) !== null) return corsRefusal(request, 429, 'security.tooMany.body')
	const launch = await createLaunch(claims)
	if (!launch) return corsRefusal(request, 404, 'packages.refused')
	return corsJson({ id: launch.id, key: launch.key, url: `${publicOrigin(request)}/packages/launches/${launch.id}` }, 201)
}

export async function loader({ request }: LoaderFunctionArgs) {
	return corsRefusal(request, 405, 'packages.refused')
}
