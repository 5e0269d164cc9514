// /lti/deep-link: an instructor's Deep Linking request lands here (decision 021). They tick the
// courses and lessons to add to their LMS course; the tool answers the platform with a signed
// LtiDeepLinkingResponse, sent by a form that submits itself (or by its button, without script).
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { readDeepLinkToken } from '~/auth/lti.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList } from '~/components/forms.tsx'
import { needsBundles } from '~/config/string-bundles.ts'
import { getCatalog } from '~/courses/catalog.server.ts'
import { courseTitle, lessonTitle } from '~/courses/present.server.ts'
import { deepLinkingResponse, type PickedItem } from '~/lti/deep-linking.server.ts'
import { ltiEnabled } from '~/lti/keys.server.ts'
import { platformById } from '~/models/lti.server.ts'
import { parseForm, refusal } from '~/utils/forms.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { publicOrigin } from '~/utils/origin.server.ts'

// Gradebook columns get this maximum; scores are sent as points out of the quiz's own maximum,
// which the platform scales.
const SCORE_MAXIMUM = 100

const pickSchema = z.object({
	token: z.string().max(8000),
	item: z.array(z.string().max(300), { required_error: 'lti.deepLink.noneChosen' }).min(1, 'lti.deepLink.noneChosen').max(200),
})

async function grantFor(request: Request, token: unknown) {
	if (!ltiEnabled()) throw await refusal(request, 'lti.off', { status: 404 })
	const grant = await readDeepLinkToken(token)
	const platform = grant ? await platformById(grant.platformId) : null
	if (!grant || !platform) throw await refusal(request, 'lti.deepLink.expired', { status: 400 })
	return { grant, platform }
}

export async function loader({ request }: LoaderFunctionArgs) {
	const token = new URL(request.url).searchParams.get('token')
	const { grant } = await grantFor(request, token)
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	return {
		title: t('lti.deepLink.title'),
		// The page's form-action allows the platform's return address (app/entry.server.tsx).
		formActionOrigin: new URL(grant.returnUrl).origin,
		token: token!,
		multiple: grant.acceptMultiple,
		courses: getCatalog().courses.map((course) => ({
			slug: course.slug,
			title: courseTitle(course, locale),
			lessons: course.lessons.map((lesson) => ({ slug: lesson.slug, title: lessonTitle(lesson, locale) })),
		})),
	}
}

/** The picked values ("course:slug", "lesson:slug/lesson") as content items, or null if one is unknown. */
function pickedItems(values: string[], origin: string, locale: Parameters<typeof courseTitle>[1]): PickedItem[] | null {
	const catalog = getCatalog()
	const items: PickedItem[] = []
	for (const value of new Set(values)) {
		const [kind, rest = ''] = value.split(':', 2)
		const [slug, lessonSlug] = rest.split('/', 2)
		const course = catalog.bySlug.get(slug ?? '')
		if (!course) return null
		if (kind === 'course') {
			items.push({ title: courseTitle(course, locale), url: `${origin}/courses/${course.slug}`, resourceId: course.slug, scoreMaximum: course.quiz ? SCORE_MAXIMUM : null })
		} else if (kind === 'lesson') {
			const lesson = course.lessons.find((one) => one.slug === lessonSlug)
			if (!lesson) return null
			items.push({ title: lessonTitle(lesson, locale), url: `${origin}/courses/${course.slug}/lessons/${lesson.slug}`, resourceId: `${course.slug}/${lesson.slug}`, scoreMaximum: null })
		} else return null
	}
	return items
}

export async function action({ request }: ActionFunctionArgs) {
	const submission = await parseForm(request, pickSchema)
	if (submission.status !== 'success') {
		await grantFor(request, submission.payload.token)
		return data({ result: submission.reply(), response: null }, { status: 400 })
	}
	const { grant, platform } = await grantFor(request, submission.value.token)
	const locale = await getLocale(request)
	const items = pickedItems(submission.value.item, publicOrigin(request), locale)
	if (!items) return data({ result: submission.reply({ fieldErrors: { item: ['lti.deepLink.unknown'] } }), response: null }, { status: 400 })
	if (!grant.acceptMultiple && items.length > 1) return data({ result: submission.reply({ fieldErrors: { item: ['lti.deepLink.onlyOne'] } }), response: null }, { status: 400 })
	const jwt = await deepLinkingResponse({ clientId: platform.clientId, issuer: platform.issuer, deploymentId: grant.deploymentId, data: grant.data, items })
	return { result: submission.reply(), response: { returnUrl: grant.returnUrl, jwt } }
}

// Shown inside the LMS's frame, and its answer goes to the LMS: app/entry.server.tsx reads
// `frameable` and the loader's `formActionOrigin`.
export const handle = { ...needsBundles('lti'), frameable: true }

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

function SendToPlatform({ returnUrl, jwt }: { returnUrl: string; jwt: string }) {
	const { t } = useTranslation()
	const form = useRef<HTMLFormElement>(null)
	useEffect(() => form.current?.submit(), [])
	return (
		<article className="narrow">
			<h1>{t('lti.deepLink.sending')}</h1>
			<form ref={form} method="post" action={returnUrl}>
				<input type="hidden" name="JWT" value={jwt} />
				<button type="submit" className="button">
					{t('lti.deepLink.send')}
				</button>
			</form>
		</article>
	)
}

export default function DeepLinkPicker() {
	const page = useLoaderData<typeof loader>()
	const answer = useActionData<typeof action>()
	const { t } = useTranslation()
	const [form, fields] = useForm({
		lastResult: answer?.result,
		constraint: getZodConstraint(pickSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: pickSchema }),
		shouldValidate: 'onSubmit',
	})
	if (answer?.response) return <SendToPlatform {...answer.response} />
	const type = page.multiple ? 'checkbox' : 'radio'
	return (
		<article className="narrow">
			<h1>{t('lti.deepLink.title')}</h1>
			<p>{t('lti.deepLink.intro')}</p>
			<Form method="post" {...getFormProps(form)}>
				<input type="hidden" name="token" value={page.token} />
				<ErrorList id={fields.item.errorId} errors={fields.item.errors} />
				{page.courses.map((course) => (
					<fieldset key={course.slug} aria-describedby={fields.item.errors ? fields.item.errorId : undefined}>
						<legend>{course.title}</legend>
						<label className="choice">
							<input type={type} name="item" value={`course:${course.slug}`} />
							<span>{t('lti.deepLink.wholeCourse')}</span>
						</label>
						{course.lessons.map((lesson) => (
							<label key={lesson.slug} className="choice">
								<input type={type} name="item" value={`lesson:${course.slug}/${lesson.slug}`} />
								<span>{lesson.title}</span>
							</label>
						))}
					</fieldset>
				))}
				<button type="submit" className="button">
					{t('lti.deepLink.add')}
				</button>
			</Form>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
