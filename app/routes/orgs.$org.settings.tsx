// Owners choose what the organisation's reports show (decision 015).
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList } from '~/components/forms.tsx'
import { setReportPolicy } from '~/models/organisation.server.ts'
import { OWNER_ROLES } from '~/orgs/roles.ts'
import { requireOrgRole } from '~/auth/guards.server.ts'
import { redirectWithFlash } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { needsBundles } from '~/config/string-bundles.ts'

const MIN_SIZE = 2
const MAX_SIZE = 100
const policySchema = z.object({
	aggregateOnly: z.literal('on').optional(),
	minReportGroupSize: z.number({ required_error: 'orgSettings.invalid', invalid_type_error: 'orgSettings.invalid' }).int('orgSettings.invalid').min(MIN_SIZE, 'orgSettings.invalid').max(MAX_SIZE, 'orgSettings.invalid'),
})

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org } = await requireOrgRole(request, params.org, OWNER_ROLES)
	const t = await i18nServer.getFixedT(await getLocale(request))
	return {
		title: t('orgSettings.title'),
		org: { slug: org.slug, name: org.name, kind: org.kind, aggregateOnly: org.aggregateOnly, minReportGroupSize: org.minReportGroupSize },
		bounds: { min: MIN_SIZE, max: MAX_SIZE },
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { org } = await requireOrgRole(request, params.org, OWNER_ROLES)
	const submission = await parseForm(request, policySchema)
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	await setReportPolicy(org.id, { aggregateOnly: submission.value.aggregateOnly === 'on', minReportGroupSize: submission.value.minReportGroupSize })
	return redirectWithFlash(`/orgs/${org.slug}/settings`, 'orgSettings.saved')
}

export const handle = needsBundles('orgs', 'packages')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function OrgSettings() {
	const { org, bounds } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const { t } = useTranslation()
	const [form, fields] = useForm({
		lastResult,
		constraint: getZodConstraint(policySchema),
		defaultValue: { aggregateOnly: org.aggregateOnly ? 'on' : undefined, minReportGroupSize: String(org.minReportGroupSize) },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: policySchema }),
	})
	return (
		<article className="narrow">
			<p className="breadcrumb">
				<a href={`/orgs/${org.slug}`}>{org.name}</a>
			</p>
			<h1>{t('orgSettings.title')}</h1>
			<Form method="post" {...getFormProps(form)}>
				<label className="choice">
					<input {...getInputProps(fields.aggregateOnly, { type: 'checkbox', value: 'on' })} key={fields.aggregateOnly.key} id="aggregateOnly" aria-describedby="aggregateOnly-hint" />
					<span>{t('orgSettings.aggregateOnly')}</span>
				</label>
				<p id="aggregateOnly-hint" className="field__hint">
					{t('orgSettings.aggregateOnlyHint', { context: org.kind })}
				</p>
				<div className="field">
					<label htmlFor="minReportGroupSize">{t('orgSettings.minSize')}</label>
					<ErrorList id={fields.minReportGroupSize.errorId} errors={fields.minReportGroupSize.errors} values={bounds} />
					<input
						{...getInputProps(fields.minReportGroupSize, { type: 'number' })}
						key={fields.minReportGroupSize.key}
						id="minReportGroupSize"
						inputMode="numeric"
						aria-describedby={fields.minReportGroupSize.errors ? fields.minReportGroupSize.errorId : undefined}
					/>
				</div>
				<button type="submit" className="button">
					{t('orgSettings.save')}
				</button>
			</Form>
			<h2>{t('lrs.title')}</h2>
			<p>
				<a href={`/orgs/${org.slug}/settings/lrs`}>{t('lrs.manage')}</a>
			</p>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
