// Owners choose what the organisation's reports show (decision 015).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { setReportPolicy } from '~/models/organisation.server.ts'
import { requireOrgRole } from '~/auth/guards.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { needsBundles } from '~/config/string-bundles.ts'

const MIN_SIZE = 2
const MAX_SIZE = 100
const policySchema = z.object({
	aggregateOnly: z.enum(['on']).optional(),
	minReportGroupSize: z.coerce.number().int().min(MIN_SIZE).max(MAX_SIZE),
})

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org } = await requireOrgRole(request, params.org, ['owner'])
	const t = await i18nServer.getFixedT(await getLocale(request))
	return {
		title: t('orgSettings.title'),
		org: { slug: org.slug, name: org.name, aggregateOnly: org.aggregateOnly, minReportGroupSize: org.minReportGroupSize },
		saved: new URL(request.url).searchParams.has('saved'),
		bounds: { min: MIN_SIZE, max: MAX_SIZE },
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { org } = await requireOrgRole(request, params.org, ['owner'])
	const form = await request.formData().catch(() => null)
	const parsed = policySchema.safeParse({ aggregateOnly: form?.get('aggregateOnly') ?? undefined, minReportGroupSize: form?.get('minReportGroupSize') })
	if (!parsed.success) {
		const t = await i18nServer.getFixedT(await getLocale(request))
		return data({ error: t('orgSettings.invalid', { min: MIN_SIZE, max: MAX_SIZE }) }, { status: 400 })
	}
	await setReportPolicy(org.id, { aggregateOnly: parsed.data.aggregateOnly === 'on', minReportGroupSize: parsed.data.minReportGroupSize })
	return redirect(`/orgs/${org.slug}/settings?saved`)
}

export const handle = needsBundles('orgs')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function OrgSettings() {
	const { org, saved, bounds } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const { t } = useTranslation()
	return (
		<article className="narrow">
			<p className="breadcrumb">
				<a href={`/orgs/${org.slug}`}>{org.name}</a>
			</p>
			<h1>{t('orgSettings.title')}</h1>
			{saved ? (
				<p className="notice notice--success" role="status">
					{t('orgSettings.saved')}
				</p>
			) : null}
			<Form method="post">
				{result?.error ? (
					<p className="field-error" role="alert">
						{result.error}
					</p>
				) : null}
				<label className="choice">
					<input id="aggregateOnly" name="aggregateOnly" type="checkbox" value="on" defaultChecked={org.aggregateOnly} aria-describedby="aggregateOnly-hint" />
					<span>{t('orgSettings.aggregateOnly')}</span>
				</label>
				<p id="aggregateOnly-hint" className="field__hint">
					{t('orgSettings.aggregateOnlyHint')}
				</p>
				<div className="field">
					<label htmlFor="minReportGroupSize">{t('orgSettings.minSize')}</label>
					<input id="minReportGroupSize" name="minReportGroupSize" type="number" inputMode="numeric" min={bounds.min} max={bounds.max} defaultValue={org.minReportGroupSize} required />
				</div>
				<button type="submit" className="button">
					{t('orgSettings.save')}
				</button>
			</Form>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
