// /orgs/:org/lti: the organisation's owners connect their LMS (decision 021): the values to give
// it, a one-time link for Dynamic Registration, the form for manual registration, and the
// platforms registered so far.
import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireOrgRole } from '~/auth/guards.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { RowAction } from '~/components/row-action.tsx'
import { ErrorList, Field } from '~/components/forms.tsx'
import { needsBundles } from '~/config/string-bundles.ts'
import { ltiEnabled } from '~/lti/keys.server.ts'
import { isCallableUrl } from '~/lti/registration.server.ts'
import { createRegistrationToken, orgPlatforms, removePlatform, savePlatform } from '~/models/lti.server.ts'
import { redirectWithFlash } from '~/utils/flash.server.ts'
import { parseForm, refusal } from '~/utils/forms.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { publicOrigin } from '~/utils/origin.server.ts'
import { limitWrite, writeRules } from '~/utils/rate-limit.server.ts'

// https:// in a deployment (checked on the server: isCallableUrl); plain http only on a test machine.
const endpoint = z.string({ required_error: 'lti.settings.required' }).max(2000, 'lti.settings.badUrl').url('lti.settings.badUrl').regex(/^https?:\/\//, 'lti.settings.badUrl')
const ENDPOINTS = ['issuer', 'authUrl', 'tokenUrl', 'jwksUrl'] as const
const shortText = z.string({ required_error: 'lti.settings.required' }).max(255, 'lti.settings.tooLong')
const settingsSchema = z.discriminatedUnion(
	'intent',
	[
		z.object({
			intent: z.literal('add'),
			name: z.string({ required_error: 'lti.settings.required' }).max(100, 'lti.settings.tooLong'),
			issuer: endpoint,
			clientId: shortText,
			authUrl: endpoint,
			tokenUrl: endpoint,
			jwksUrl: endpoint,
			deploymentIds: z
				.string({ required_error: 'lti.settings.required' })
				.max(5000, 'lti.settings.tooLong')
				.transform((value) => value.split(/[\s,]+/).filter(Boolean))
				.pipe(z.array(z.string().max(255, 'lti.settings.tooLong')).min(1, 'lti.settings.required').max(50, 'lti.settings.tooLong')),
		}),
		z.object({ intent: z.literal('link') }),
		z.object({ intent: z.literal('remove'), platform: z.string({ required_error: 'errors.badForm' }).max(64, 'errors.badForm') }),
	],
	{ errorMap: () => ({ message: 'errors.badForm' }) },
)

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org } = await requireOrgRole(request, params.org, ['owner'])
	const t = await i18nServer.getFixedT(await getLocale(request))
	const origin = publicOrigin(request)
	return {
		title: t('lti.settings.title'),
		org: { slug: org.slug, name: org.name },
		enabled: ltiEnabled(),
		tool: { login: `${origin}/lti/login`, launch: `${origin}/lti/launch`, jwks: `${origin}/lti/jwks`, target: `${origin}/courses`, deepLink: `${origin}/lti/launch` },
		platforms: (await orgPlatforms(org.id)).map((platform) => ({
			id: platform.id,
			name: platform.name,
			issuer: platform.issuer,
			clientId: platform.clientId,
			deployments: platform.deployments.map((deployment) => deployment.deploymentId),
		})),
	}
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { org, user } = await requireOrgRole(request, params.org, ['owner'])
	const submission = await parseForm(request, settingsSchema)
	if (submission.status !== 'success') return data({ result: submission.reply(), registrationUrl: null }, { status: 400 })
	const input = submission.value
	if (input.intent === 'remove') {
		if (!(await removePlatform(org.id, input.platform))) throw await refusal(request, 'lti.settings.gone', { status: 404 })
		return redirectWithFlash(`/orgs/${org.slug}/lti`, 'lti.settings.removed')
	}
	await limitWrite(request, context, writeRules.ltiRegistration, user.id)
	if (input.intent === 'link') {
		// Shown once: only the token's hash is kept.
		const token = await createRegistrationToken(org.id)
		return { result: submission.reply({ resetForm: true }), registrationUrl: `${publicOrigin(request)}/lti/register?${new URLSearchParams({ token })}` }
	}
	const { intent: _intent, ...platform } = input
	const notCallable = ENDPOINTS.filter((name) => !isCallableUrl(platform[name]))
	if (notCallable.length > 0) {
		return data({ result: submission.reply({ fieldErrors: Object.fromEntries(notCallable.map((name) => [name, ['lti.settings.badUrl']])) }), registrationUrl: null }, { status: 400 })
	}
	if (!(await savePlatform(org.id, platform))) return data({ result: submission.reply({ fieldErrors: { issuer: ['lti.settings.taken'] } }), registrationUrl: null }, { status: 400 })
	return redirectWithFlash(`/orgs/${org.slug}/lti`, 'lti.settings.saved')
}

export const handle = needsBundles('orgs', 'lti')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function LtiSettings() {
	const page = useLoaderData<typeof loader>()
	const answer = useActionData<typeof action>()
	const { t } = useTranslation()
	const [form, fields] = useForm({
		lastResult: answer?.result,
		constraint: getZodConstraint(settingsSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: settingsSchema }),
		shouldValidate: 'onBlur',
	})
	const text = (name: 'name' | 'issuer' | 'clientId' | 'authUrl' | 'tokenUrl' | 'jwksUrl', type: 'text' | 'url' = 'url') => (
		<Field key={name} label={t(`lti.settings.field.${name}`)} errors={fields[name].errors} inputProps={{ ...getInputProps(fields[name], { type }), key: fields[name].key, id: `lti-${name}` }} />
	)
	return (
		<article>
			<p className="breadcrumb">
				<a href={`/orgs/${page.org.slug}`}>{page.org.name}</a>
			</p>
			<h1>{t('lti.settings.title')}</h1>
			<p>{t('lti.settings.intro')}</p>
			{page.enabled ? null : (
				<p className="notice" role="status">
					{t('lti.off')}
				</p>
			)}

			<h2>{t('lti.settings.dynamicTitle')}</h2>
			<p>{t('lti.settings.dynamicIntro')}</p>
			{answer?.registrationUrl ? (
				<div className="notice notice--success" role="status">
					<p>{t('lti.settings.linkCreated')}</p>
					<p>
						<code className="invite-link">{answer.registrationUrl}</code>
					</p>
				</div>
			) : null}
			<Form method="post">
				<input type="hidden" name="intent" value="link" />
				<button type="submit" className="button">
					{t('lti.settings.createLink')}
				</button>
			</Form>

			<h2>{t('lti.settings.toolTitle')}</h2>
			<p>{t('lti.settings.toolIntro')}</p>
			<dl className="lti-values">
				<dt>{t('lti.settings.tool.login')}</dt>
				<dd>
					<code>{page.tool.login}</code>
				</dd>
				<dt>{t('lti.settings.tool.launch')}</dt>
				<dd>
					<code>{page.tool.launch}</code>
				</dd>
				<dt>{t('lti.settings.tool.target')}</dt>
				<dd>
					<code>{page.tool.target}</code>
				</dd>
				<dt>{t('lti.settings.tool.deepLink')}</dt>
				<dd>
					<code>{page.tool.deepLink}</code>
				</dd>
				<dt>{t('lti.settings.tool.jwks')}</dt>
				<dd>
					<code>{page.tool.jwks}</code>
				</dd>
			</dl>

			<h2>{t('lti.settings.manualTitle')}</h2>
			<Form method="post" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="add" />
				<ErrorList id={form.errorId} errors={form.errors} />
				{text('name', 'text')}
				{text('issuer')}
				{text('clientId', 'text')}
				{text('authUrl')}
				{text('tokenUrl')}
				{text('jwksUrl')}
				<div className="field">
					<label htmlFor="lti-deploymentIds">{t('lti.settings.field.deploymentIds')}</label>
					<p id="lti-deploymentIds-hint" className="field__hint">
						{t('lti.settings.deploymentHint')}
					</p>
					<ErrorList id={fields.deploymentIds.errorId} errors={fields.deploymentIds.errors} />
					<textarea
						{...getTextareaProps(fields.deploymentIds)}
						key={fields.deploymentIds.key}
						id="lti-deploymentIds"
						rows={3}
						aria-describedby={['lti-deploymentIds-hint', fields.deploymentIds.errors ? fields.deploymentIds.errorId : ''].filter(Boolean).join(' ')}
					/>
				</div>
				<button type="submit" className="button">
					{t('lti.settings.save')}
				</button>
			</Form>

			<h2>{t('lti.settings.platformsTitle')}</h2>
			{page.platforms.length === 0 ? (
				<p>{t('lti.settings.none')}</p>
			) : (
				<ul className="lti-platforms">
					{page.platforms.map((platform) => (
						<li key={platform.id}>
							<p>
								<strong>{platform.name}</strong>
							</p>
							<p>{t('lti.settings.platformLine', { issuer: platform.issuer, clientId: platform.clientId })}</p>
							<p>{platform.deployments.length ? t('lti.settings.deployments', { ids: platform.deployments.join(', ') }) : t('lti.settings.noDeployments')}</p>
							<RowAction intent="remove" name="platform" value={platform.id} label={t('lti.settings.remove', { name: platform.name })} inline />
						</li>
					))}
				</ul>
			)}
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
