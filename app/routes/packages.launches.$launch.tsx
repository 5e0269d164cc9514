// /packages/launches/:launch: the link a package page in an LMS gives the learner (decision 022).
// Opening it shows the course; starting binds the launch to this learner (a guest or an
// account), once, so the LMS hears this learner's result and nobody else's.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { findCourse } from '~/courses/catalog.server.ts'
import { courseTitle } from '~/courses/present.server.ts'
import { getLearnerId, requireLearnerForWrite } from '~/auth/learner.server.ts'
import { bindLaunch, findLaunch } from '~/models/package-launch.server.ts'
import { needsBundles } from '~/config/string-bundles.ts'
import { parseForm, refusal } from '~/utils/forms.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'

async function openLaunch(request: Request, id: string | undefined) {
	const launch = id ? await findLaunch(id) : null
	const course = launch ? findCourse(launch.courseSlug) : undefined
	if (!launch || !course) throw await refusal(request, 'packages.missing', { status: 404 })
	if (launch.expiresAt <= new Date()) throw await refusal(request, 'packages.expired', { status: 410 })
	return { launch, course }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { launch, course } = await openLaunch(request, params.launch)
	const learnerId = await getLearnerId(request)
	// Already started by this learner (the LMS page opened again): straight to the course.
	if (learnerId && launch.learnerId === learnerId) throw redirect(`/courses/${course.slug}`)
	if (launch.learnerId) throw await refusal(request, 'packages.taken', { status: 403 })
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const title = courseTitle(course, locale)
	return { title: t('packages.startTitle', { course: title }), course: title, org: launch.org.name }
}

const startSchema = z.object({ intent: z.literal('start') })

export async function action({ request, params }: ActionFunctionArgs) {
	const { launch, course } = await openLaunch(request, params.launch)
	if ((await parseForm(request, startSchema)).status !== 'success') throw await refusal(request, 'errors.badForm')
	const { learnerId, setCookie } = await requireLearnerForWrite(request)
	const binding = await bindLaunch(launch.id, learnerId)
	if (binding === 'taken') throw await refusal(request, 'packages.taken', { status: 403 })
	if (binding !== 'bound') throw await refusal(request, 'packages.expired', { status: 410 })
	return redirect(`/courses/${course.slug}`, setCookie ? { headers: { 'Set-Cookie': setCookie } } : undefined)
}

export const handle = needsBundles('packages')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function PackageLaunchPage() {
	const page = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<article className="narrow">
			<h1>{page.course}</h1>
			<p>{t('packages.startIntro', { org: page.org })}</p>
			<p>{t('packages.startPrivacy')}</p>
			<Form method="post">
				<input type="hidden" name="intent" value="start" />
				<button type="submit" className="button">
					{t('packages.start')}
				</button>
			</Form>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
