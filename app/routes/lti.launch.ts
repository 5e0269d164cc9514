// /lti/launch: the platform's form post with the id_token (LTI Core 1.3 §5). A resource-link
// launch signs the LMS user in to their Qorgau account and opens the course or lesson; a Deep
// Linking request opens the picker for the instructor (decision 021).
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { clearLoginState, deepLinkToken, handoffToken, launchAccount, signInAs, verifyLaunch, type VerifiedLaunch } from '~/auth/lti.server.ts'
import { LOCALES, type Locale } from '~/config/i18n.ts'
import { findCourse } from '~/courses/catalog.server.ts'
import { pickLocale } from '~/courses/present.server.ts'
import { orgRoleFor, SCORE_SCOPE } from '~/lti/claims.ts'
import { LaunchRefused } from '~/lti/id-token.server.ts'
import { ltiEnabled } from '~/lti/keys.server.ts'
import { assignToContextGroup, joinContextGroup, linkGrade } from '~/models/lti.server.ts'
import { handoffPage, launchRefusalPage, ltiOffPage, ltiRefusalPage } from '~/server/lti-pages.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { publicOrigin } from '~/utils/origin.server.ts'
import { writeRules, writeWait } from '~/utils/rate-limit.server.ts'
import { safeRedirect } from '~/utils/safe-redirect.ts'

const launchSchema = z.object({ id_token: z.string().min(1).max(20_000), state: z.string().min(1).max(100) })

export async function loader({ request }: LoaderFunctionArgs) {
	throw await ltiRefusalPage(request, 405, 'lti.launchOnly', { Allow: 'POST' })
}

/** The course (and lesson) a target link names, when it is one of our course pages. */
function launchTarget(targetLinkUri: string | null, origin: string): { path: string; courseSlug: string | null } {
	const path = safeRedirect(targetLinkUri ? targetLinkUri.replace(origin, '') : null, origin, '/courses')
	const [, slug, lesson] = /^\/courses\/([^/?#]+)(?:\/lessons\/([^/?#]+))?\/?$/.exec(path.split(/[?#]/)[0]!) ?? []
	const course = findCourse(slug)
	if (!course) return { path: '/courses', courseSlug: null }
	if (lesson && !course.lessons.some((one) => one.slug === lesson)) return { path: `/courses/${course.slug}`, courseSlug: course.slug }
	return { path: lesson ? `/courses/${course.slug}/lessons/${lesson}` : `/courses/${course.slug}`, courseSlug: course.slug }
}

function launchLocale(launch: VerifiedLaunch, fallback: Locale): Locale {
	const asked = launch.locale?.slice(0, 2).toLowerCase()
	return LOCALES.find((locale) => locale === asked) ?? fallback
}

/** Inside a frame, by the browser's word (Sec-Fetch-Dest) or, without it, by the platform's. */
function inFrame(request: Request, launch: VerifiedLaunch): boolean {
	const dest = request.headers.get('Sec-Fetch-Dest')
	if (dest) return dest === 'iframe' || dest === 'frame'
	const presentation = launch.payload['https://purl.imsglobal.org/spec/lti/claim/launch_presentation'] as { document_target?: unknown } | undefined
	return presentation?.document_target === 'iframe'
}

export async function action({ request, context }: ActionFunctionArgs) {
	if (!ltiEnabled()) throw await ltiOffPage(request)
	const submission = parseWithZod(await request.formData().catch(() => new FormData()), { schema: launchSchema })
	if (submission.status !== 'success') throw await ltiRefusalPage(request, 400, 'lti.refused.malformed')
	const { state } = submission.value
	const forget = { 'Set-Cookie': await clearLoginState(state) }
	let launch: VerifiedLaunch
	try {
		launch = await verifyLaunch(request, submission.value)
	} catch (error) {
		if (error instanceof LaunchRefused) throw await launchRefusalPage(request, error.reason, forget)
		throw error
	}
	const wait = await writeWait(context, writeRules.ltiLaunch, `${launch.platform.id} ${launch.sub}`)
	if (wait !== null) throw await ltiRefusalPage(request, 429, 'security.tooMany.body', { 'Retry-After': String(wait) })
	const role = orgRoleFor(launch.roles)
	const userId = await launchAccount(launch, launchLocale(launch, await getLocale(request)))
	const groupId = launch.context
		? await joinContextGroup({ platformId: launch.platform.id, orgId: launch.platform.orgId, contextId: launch.context.id, title: launch.context.title, userId, joins: role === 'learner' })
		: null

	if (launch.messageType === 'LtiDeepLinkingRequest') {
		if (role !== 'admin') throw await ltiRefusalPage(request, 403, 'lti.refused.notInstructor', forget)
		const headers = new Headers({ Location: `/lti/deep-link?${new URLSearchParams({ token: await deepLinkToken(launch) })}`, 'Cache-Control': 'no-store' })
		headers.append('Set-Cookie', forget['Set-Cookie'])
		return new Response(null, { status: 303, headers })
	}

	const target = launchTarget(launch.targetLinkUri, publicOrigin(request))
	if (target.courseSlug) {
		if (groupId) await assignToContextGroup(groupId, target.courseSlug)
		if (launch.lineItemUrl && launch.scopes.includes(SCORE_SCOPE)) {
			await linkGrade({ platformId: launch.platform.id, sub: launch.sub, userId, courseSlug: target.courseSlug, lineItemUrl: launch.lineItemUrl })
		}
	}
	if (inFrame(request, launch)) {
		const locale = await getLocale(request)
		const course = target.courseSlug ? findCourse(target.courseSlug) : undefined
		const title = course ? course.meta.title[pickLocale(course.locales, locale)]! : (await i18nServer.getFixedT(locale))('lti.handoff.title')
		return handoffPage(request, '*', await handoffToken(userId, target.path), title)
	}
	const headers = new Headers({ Location: target.path, 'Cache-Control': 'no-store' })
	headers.append('Set-Cookie', forget['Set-Cookie'])
	headers.append('Set-Cookie', await signInAs(userId))
	return new Response(null, { status: 303, headers })
}
