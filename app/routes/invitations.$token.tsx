// /invitations/:token: the link an invitation mail carries (decision 020). Opening it changes
// nothing (mail scanners open links). Someone signed in accepts with their account; someone with
// an account signs in first; anyone else sets a password and has an account with the invited
// address — the link is the proof of it, so no sign-up limit per network address applies.
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, Field } from '~/components/forms.tsx'
import { needsBundles } from '~/config/string-bundles.ts'
import { getUser } from '~/auth/identity.server.ts'
import { signIn } from '~/auth/sign-in.server.ts'
import { acceptInvitation, acceptWithNewAccount, findOpenInvitation, hashInvitationToken } from '~/models/invitations.server.ts'
import { mayManage, REPORT_ROLES, roleLabelKey, type OrgRole } from '~/orgs/roles.ts'
import { displayName, newPassword } from '~/utils/account-fields.ts'
import { redirectWithFlash } from '~/utils/flash.server.ts'
import { parseForm, refusal } from '~/utils/forms.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { hashPassword } from '~/utils/password.server.ts'
import { hit } from '~/utils/rate-limit.server.ts'

const newAccountSchema = z.object({ intent: z.literal('create'), displayName, password: newPassword })
const acceptSchema = z.object({ intent: z.literal('accept') })

// A password hash costs ~40 ms of a core: a link may try a few times, not thousands.
const PER_LINK = { name: 'invitation:token', max: 20, windowMs: 15 * 60 * 1000 }

async function notValid(request: Request): Promise<never> {
	throw await refusal(request, 'invitationPage.invalid', { status: 404 })
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const invitation = await findOpenInvitation(params.token ?? '')
	if (!invitation) return notValid(request)
	const t = await i18nServer.getFixedT(await getLocale(request))
	const user = await getUser(request)
	return {
		title: t('invitationPage.title'),
		org: { name: invitation.org.name, kind: invitation.org.kind },
		role: invitation.role,
		group: invitation.group?.name ?? null,
		name: invitation.name,
		email: invitation.email,
		// The invited address already has an account: the person signs in with it and accepts.
		step: user ? ('accept' as const) : invitation.hasAccount ? ('signIn' as const) : ('create' as const),
		here: new URL(request.url).pathname,
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const token = params.token ?? ''
	const invitation = await findOpenInvitation(token)
	if (!invitation) return notValid(request)
	if (!(await hit(PER_LINK, hashInvitationToken(token))).allowed) throw await refusal(request, 'security.tooMany.body', { status: 429 })
	const user = await getUser(request)
	const landing = (role: string, orgSlug: string) => ((REPORT_ROLES as readonly string[]).includes(role) ? `/orgs/${orgSlug}` : '/account')
	if (user) {
		const submission = await parseForm(request, acceptSchema)
		if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
		const accepted = await acceptInvitation(token, user.id)
		if (!accepted) return notValid(request)
		return redirectWithFlash(landing(accepted.role, accepted.orgSlug), 'invitationPage.joined')
	}
	if (invitation.hasAccount) return redirect(`/login?${new URLSearchParams({ redirectTo: `/invitations/${token}` })}`)
	const submission = await parseForm(request, newAccountSchema)
	if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
	const created = await acceptWithNewAccount(token, { displayName: submission.value.displayName, passwordHash: await hashPassword(submission.value.password), locale: await getLocale(request) })
	if (!created) return notValid(request)
	// Signed in with the new account, and told so on the page they land on.
	const signedIn = await signIn(request, created.userId, landing(created.role, created.orgSlug))
	return redirectWithFlash(signedIn.headers.get('Location')!, 'invitationPage.joined', { headers: signedIn.headers })
}

export const handle = needsBundles('staff')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function InvitationPage() {
	const { org, role, group, name, email, step, here } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const { t } = useTranslation()
	const [form, fields] = useForm({
		lastResult,
		constraint: getZodConstraint(newAccountSchema),
		defaultValue: { displayName: name },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: newAccountSchema }),
	})
	const roleName = t(roleLabelKey(role), { context: org.kind })
	const staff = mayManage(role as OrgRole) || role === 'viewer'
	return (
		<article className="narrow">
			<h1>{t('invitationPage.title')}</h1>
			<p>{t(staff ? 'invitationPage.introStaff' : 'invitationPage.introLearner', { org: org.name, role: roleName, context: org.kind })}</p>
			{group ? <p>{t('invitationPage.group', { group, context: org.kind })}</p> : null}
			{step === 'accept' ? (
				<Form method="post">
					<input type="hidden" name="intent" value="accept" />
					<button type="submit" className="button">
						{t('invitationPage.accept')}
					</button>
				</Form>
			) : step === 'signIn' ? (
				<p>
					{t('invitationPage.hasAccount', { email })} <a href={`/login?${new URLSearchParams({ redirectTo: here })}`}>{t('invitationPage.signIn')}</a>
				</p>
			) : (
				<Form method="post" {...getFormProps(form)}>
					<input type="hidden" name="intent" value="create" />
					<p>{t('invitationPage.createIntro', { email })}</p>
					<ErrorList id={form.errorId} errors={form.errors} />
					<Field label={t('signup.displayName')} errors={fields.displayName.errors} inputProps={{ ...getInputProps(fields.displayName, { type: 'text' }), autoComplete: 'name' }} />
					<Field label={t('signup.password')} hint={t('signup.passwordHint')} errors={fields.password.errors} inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password' }} />
					<button type="submit" className="button">
						{t('invitationPage.create')}
					</button>
				</Form>
			)}
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
