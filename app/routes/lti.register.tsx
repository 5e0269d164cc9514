// /lti/register: LTI Dynamic Registration (decision 021). The organisation's owner makes a
// one-time registration link on /orgs/:org/lti and gives it to the LMS administrator, who pastes
// it into Moodle or Canvas; the LMS opens it here with its openid_configuration. The link says
// which organisation the platform will belong to: no Qorgau session is needed inside the LMS.
import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList } from '~/components/forms.tsx'
import { needsBundles } from '~/config/string-bundles.ts'
import { ltiEnabled } from '~/lti/keys.server.ts'
import { isCallableUrl, registerWithPlatform, RegistrationFailed } from '~/lti/registration.server.ts'
import { claimRegistrationToken, findRegistrationToken, releaseRegistrationToken, savePlatform } from '~/models/lti.server.ts'
import { parseForm, refusal } from '~/utils/forms.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { publicOrigin } from '~/utils/origin.server.ts'
import { limitWrite, writeRules } from '~/utils/rate-limit.server.ts'

const registerSchema = z.object({
	token: z.string().max(100),
	openid_configuration: z.string().max(2000).url(),
	registration_token: z.string().max(8000).optional(),
})

async function linkFor(request: Request, token: unknown) {
	if (!ltiEnabled()) throw await refusal(request, 'lti.off', { status: 404 })
	const link = typeof token === 'string' ? await findRegistrationToken(token) : null
	if (!link) throw await refusal(request, 'lti.register.invalid', { status: 404 })
	return link
}

async function unusedLinkFor(request: Request, token: unknown) {
	const link = await linkFor(request, token)
	if (link.used) throw await refusal(request, 'lti.register.invalid', { status: 404 })
	return link
}

export async function loader({ request }: LoaderFunctionArgs) {
	const query = new URL(request.url).searchParams
	// A used link still shows the page: after the registration's post, Remix reads this again.
	const link = await linkFor(request, query.get('token'))
	const configuration = query.get('openid_configuration')
	if (!isCallableUrl(configuration)) throw await refusal(request, 'lti.register.noConfiguration', { status: 400 })
	const t = await i18nServer.getFixedT(await getLocale(request))
	return {
		title: t('lti.register.title'),
		org: link.org.name,
		used: link.used,
		platformHost: new URL(configuration).host,
		fields: { token: query.get('token')!, openid_configuration: configuration, registration_token: query.get('registration_token') ?? '' },
	}
}

export async function action({ request, context }: ActionFunctionArgs) {
	const submission = await parseForm(request, registerSchema)
	if (submission.status !== 'success') throw await refusal(request, 'errors.badForm')
	const { token, openid_configuration, registration_token } = submission.value
	const link = await unusedLinkFor(request, token)
	await limitWrite(request, context, writeRules.ltiRegistration, link.orgId)
	if (!(await claimRegistrationToken(token))) throw await refusal(request, 'lti.register.invalid', { status: 404 })
	try {
		const registered = await registerWithPlatform(openid_configuration, registration_token || undefined, publicOrigin(request))
		const platform = await savePlatform(link.orgId, registered)
		if (!platform) throw new RegistrationFailed('the platform belongs to another organisation')
		return { result: submission.reply(), done: { platform: platform.name, needsDeployment: registered.deploymentIds.length === 0 } }
	} catch (error) {
		// The link stays usable: the administrator can try again once the LMS answers.
		await releaseRegistrationToken(token)
		if (!(error instanceof RegistrationFailed)) throw error
		console.warn(`[qorgau] LTI registration failed: ${error.message}`)
		return data({ result: submission.reply({ formErrors: ['lti.register.failed'] }), done: null }, { status: 400 })
	}
}

// The LMS opens this page in its frame (app/entry.server.tsx).
export const handle = { ...needsBundles('lti'), frameable: true }

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

function Registered({ platform, needsDeployment }: { platform: string; needsDeployment: boolean }) {
	const { t } = useTranslation()
	// Dynamic Registration §3.6: tell the LMS the registration is over, so it closes this frame.
	useEffect(() => {
		;(window.opener ?? window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*')
	}, [])
	return (
		<article className="narrow">
			<h1>{t('lti.register.done', { platform })}</h1>
			{needsDeployment ? <p>{t('lti.register.addDeployment')}</p> : null}
			<p>{t('lti.register.close')}</p>
		</article>
	)
}

export default function RegisterPlatform() {
	const page = useLoaderData<typeof loader>()
	const answer = useActionData<typeof action>()
	const { t } = useTranslation()
	const [form] = useForm({ lastResult: answer?.result, onValidate: ({ formData }) => parseWithZod(formData, { schema: registerSchema }) })
	if (answer?.done) return <Registered {...answer.done} />
	if (page.used) {
		return (
			<article className="narrow">
				<h1>{t('lti.register.title')}</h1>
				<p>{t('lti.register.invalid')}</p>
			</article>
		)
	}
	return (
		<article className="narrow">
			<h1>{t('lti.register.title')}</h1>
			<p>{t('lti.register.intro', { org: page.org, platform: page.platformHost })}</p>
			<Form method="post" {...getFormProps(form)}>
				<ErrorList id={form.errorId} errors={form.errors} />
				{Object.entries(page.fields).map(([name, value]) => (
					<input key={name} type="hidden" name={name} value={value} />
				))}
				<button type="submit" className="button">
					{t('lti.register.submit')}
				</button>
			</Form>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
