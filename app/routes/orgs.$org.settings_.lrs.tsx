// /orgs/:org/settings/lrs: the owner connects the organisation's Learning Record Store, where
// xAPI statements about assigned courses go (decision 022), and sees what is still waiting.
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList } from '~/components/forms.tsx'
import { requireOrgRole } from '~/auth/guards.server.ts'
import { getLrsConnection, removeLrsConnection, saveLrsConnection } from '~/models/lrs.server.ts'
import { outboxStatus } from '~/models/xapi-outbox.server.ts'
import { needsBundles } from '~/config/string-bundles.ts'
import { getEnv } from '~/utils/env.server.ts'
import { redirectWithFlash } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { lrsEndpointProblem } from '~/xapi/endpoint.ts'

const lrsSchema = z.discriminatedUnion('intent', [
	z.object({
		intent: z.literal('save'),
		endpoint: z.string({ required_error: 'lrs.endpointInvalid' }).trim().max(500, 'lrs.endpointInvalid'),
		username: z.string({ required_error: 'lrs.usernameRequired' }).trim().min(1, 'lrs.usernameRequired').max(200, 'lrs.usernameRequired'),
		password: z.string().max(500, 'lrs.passwordRequired').optional(),
	}),
	z.object({ intent: z.literal('remove') }),
])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org } = await requireOrgRole(request, params.org, ['owner'])
	const t = await i18nServer.getFixedT(await getLocale(request))
	const [connection, status] = await Promise.all([getLrsConnection(org.id), outboxStatus(org.id)])
	return {
		title: t('lrs.title'),
		org: { slug: org.slug, name: org.name },
		connection: connection ? { endpoint: connection.endpoint, username: connection.username } : null,
		status,
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { org } = await requireOrgRole(request, params.org, ['owner'])
	const submission = await parseForm(request, lrsSchema)
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	if (submission.value.intent === 'remove') {
		await removeLrsConnection(org.id)
		return redirectWithFlash(`/orgs/${org.slug}/settings/lrs`, 'lrs.removed')
	}
	const { endpoint, username, password } = submission.value
	const problem = lrsEndpointProblem(endpoint, getEnv().LRS_ALLOW_PRIVATE)
	if (problem) return data(submission.reply({ fieldErrors: { endpoint: [problem] } }), { status: 400 })
	if (!password && !(await getLrsConnection(org.id))) return data(submission.reply({ fieldErrors: { password: ['lrs.passwordRequired'] } }), { status: 400 })
	await saveLrsConnection(org.id, { endpoint, username, password: password || undefined })
	return redirectWithFlash(`/orgs/${org.slug}/settings/lrs`, 'lrs.saved')
}

export const handle = needsBundles('orgs', 'packages')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function LrsSettings() {
	const { org, connection, status } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const { t } = useTranslation()
	const [form, fields] = useForm({
		lastResult,
		constraint: getZodConstraint(lrsSchema),
		defaultValue: { endpoint: connection?.endpoint ?? '', username: connection?.username ?? '', password: '' },
		shouldValidate: 'onSubmit',
	})
	const described = (field: { errors?: string[]; errorId: string }, hint?: string) => [field.errors ? field.errorId : null, hint].filter(Boolean).join(' ') || undefined
	return (
		<article className="narrow">
			<p className="breadcrumb">
				<a href={`/orgs/${org.slug}/settings`}>{t('orgSettings.title')}</a>
			</p>
			<h1>{t('lrs.title')}</h1>
			<p>{t('lrs.intro')}</p>
			<p>{t('lrs.privacy')}</p>
			{connection ? (
				<p className="notice notice--quiet" role="status">
					{t('lrs.status', { pending: status.pending, delivered: status.delivered })}
					{status.lastError ? ` ${t('lrs.lastError', { error: status.lastError })}` : ''}
				</p>
			) : null}
			<Form method="post" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="save" />
				<div className="field">
					<label htmlFor="lrs-endpoint">{t('lrs.endpoint')}</label>
					<p id="lrs-endpoint-hint" className="field__hint">
						{t('lrs.endpointHint')}
					</p>
					<ErrorList id={fields.endpoint.errorId} errors={fields.endpoint.errors} />
					<input {...getInputProps(fields.endpoint, { type: 'url' })} key={fields.endpoint.key} id="lrs-endpoint" aria-describedby={described(fields.endpoint, 'lrs-endpoint-hint')} />
				</div>
				<div className="field">
					<label htmlFor="lrs-username">{t('lrs.username')}</label>
					<ErrorList id={fields.username.errorId} errors={fields.username.errors} />
					<input {...getInputProps(fields.username, { type: 'text' })} key={fields.username.key} id="lrs-username" autoComplete="off" aria-describedby={described(fields.username)} />
				</div>
				<div className="field">
					<label htmlFor="lrs-password">{t('lrs.password')}</label>
					{connection ? (
						<p id="lrs-password-hint" className="field__hint">
							{t('lrs.passwordKept')}
						</p>
					) : null}
					<ErrorList id={fields.password.errorId} errors={fields.password.errors} />
					<input
						{...getInputProps(fields.password, { type: 'password' })}
						key={fields.password.key}
						id="lrs-password"
						autoComplete="new-password"
						required={!connection}
						aria-describedby={described(fields.password, connection ? 'lrs-password-hint' : undefined)}
					/>
				</div>
				<button type="submit" className="button">
					{t('lrs.save')}
				</button>
			</Form>
			{connection ? (
				<Form method="post">
					<input type="hidden" name="intent" value="remove" />
					<button type="submit" className="button button--secondary">
						{t('lrs.remove')}
					</button>
				</Form>
			) : null}
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
