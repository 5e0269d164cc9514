// "You passed — get your certificate": where a learner who passed lands after signing up or in
// (decision 008), with the name the certificate will carry. Conform + zod, works without JavaScript.
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, Field } from '~/components/forms.tsx'
import { needsBundles } from '~/config/string-bundles.ts'
import { findCourse } from '~/courses/catalog.server.ts'
import { pickLocale } from '~/courses/present.server.ts'
import { findCurrentCertificate, isEligible, issueCertificate } from '~/models/certificate.server.ts'
import { getLearnerId } from '~/auth/learner.server.ts'
import { displayName } from '~/utils/account-fields.ts'
import { requireUser } from '~/auth/guards.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'

const claimSchema = z.object({ holderName: displayName })

function findCertifiedCourse(slug: string | undefined) {
	const course = findCourse(slug)
	if (!course?.quiz) throw data(null, { status: 404 })
	return course
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const course = findCertifiedCourse(params.course)
	const user = await requireUser(request)
	const certificate = await findCurrentCertificate(user.id, course)
	if (certificate) throw redirect(`/certificates/${certificate.code}`)
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const eligible = await isEligible({ userId: user.id }, course)
	return {
		title: eligible ? t('assessment.claim.title') : t('assessment.claim.notYetTitle'),
		eligible,
		holderName: user.displayName,
		course: { slug: course.slug, title: course.meta.title[pickLocale(course.locales, locale)]! },
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const course = findCertifiedCourse(params.course)
	const user = await requireUser(request)
	const learnerId = await getLearnerId(request)
	const form = await request.formData().catch(() => new FormData())
	const submission = parseWithZod(form, { schema: claimSchema })
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const certificate = learnerId
		? await issueCertificate({ userId: user.id, learnerId, course, holderName: submission.value.holderName, locale: await getLocale(request) })
		: null
	if (!certificate) return data(submission.reply({ formErrors: ['certificate.notEligible'] }), { status: 400 })
	return redirect(`/certificates/${certificate.code}`)
}

export const handle = needsBundles('assessment')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function ClaimCertificate() {
	const page = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const { t } = useTranslation()
	const [form, fields] = useForm({
		lastResult,
		defaultValue: { holderName: page.holderName },
		constraint: getZodConstraint(claimSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: claimSchema }),
	})
	const coursePath = `/courses/${page.course.slug}`
	if (!page.eligible) {
		return (
			<article className="narrow">
				<p className="breadcrumb">
					<a href={coursePath}>{page.course.title}</a>
				</p>
				<h1>{t('assessment.claim.notYetTitle')}</h1>
				<p>{t('assessment.claim.notYet')}</p>
				<p>
					<a className="button" href={coursePath}>
						{t('lesson.backToCourse')}
					</a>
				</p>
			</article>
		)
	}
	return (
		<article className="narrow">
			<p className="breadcrumb">
				<a href={coursePath}>{page.course.title}</a>
			</p>
			<h1>{t('assessment.claim.title')}</h1>
			<p>{t('assessment.claim.intro', { course: page.course.title })}</p>
			<Form method="post" {...getFormProps(form)}>
				<ErrorList id={form.errorId} errors={form.errors} />
				<Field
					label={t('certificate.nameLabel')}
					hint={t('certificate.confirmName')}
					errors={fields.holderName.errors}
					inputProps={{ ...getInputProps(fields.holderName, { type: 'text' }), autoComplete: 'name', maxLength: 60 }}
				/>
				<button type="submit" className="button">
					{t('certificate.issue')}
				</button>
			</Form>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
