import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, Field, Honeypot } from '~/components/forms.tsx'
import { mailSignupLink } from '~/auth/signup-mail.server.ts'
import { createAccount, isEmail, loginTaken } from '~/models/user.server.ts'
import { signupSchema } from '~/auth/account-schemas.ts'
import { requireAnonymous } from '~/auth/guards.server.ts'
import { safeRedirect } from '~/utils/safe-redirect.ts'
import { landingAfterSignIn } from '~/models/assessment.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { hashPassword } from '~/utils/password.server.ts'
import { clientIp, hit, rules } from '~/utils/rate-limit.server.ts'
import { signIn } from '~/auth/sign-in.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAnonymous(request)
	const t = await i18nServer.getFixedT(await getLocale(request))
	return { title: t('signup.title') }
}

export async function action({ request, context }: ActionFunctionArgs) {
	await requireAnonymous(request)
	const formData = await request.formData().catch(() => new FormData())
	const submission = parseWithZod(formData, { schema: signupSchema })
	if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
	if (!(await hit(rules.signUpByIp, clientIp(context))).allowed) {
		return data(submission.reply({ formErrors: ['auth.tooMany'], hideFields: ['password'] }), { status: 429 })
	}
	const { displayName, login, password } = submission.value
	const locale = await getLocale(request)
	if (isEmail(login)) {
		// The same answer, after the same work, whether or not the address has an account: the
		// mail says which (decision 010).
		await mailSignupLink(request, { email: login, displayName, passwordHash: await hashPassword(password), locale })
		return data({ sent: true as const, status: 'success' as const }, { status: 200 })
	}
	// A username is a name chosen here, not a person's address: it can only be refused.
	if (await loginTaken(login)) {
		return data(submission.reply({ fieldErrors: { login: ['signup.taken'] }, hideFields: ['password'] }), { status: 400 })
	}
	const user = await createAccount({ displayName, login, passwordHash: await hashPassword(password), locale })
	// A guest who passed a quiz lands on the certificate's name form (decision 008).
	const target = safeRedirect(submission.value.redirectTo, new URL(request.url).origin, '')
	return signIn(request, user.id, target || ((userId) => landingAfterSignIn(userId, '/account')))
}

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Signup() {
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const redirectTo = searchParams.get('redirectTo') ?? ''
	const { t } = useTranslation()
	const [form, fields] = useForm({
		lastResult: actionData && 'sent' in actionData ? undefined : actionData,
		constraint: getZodConstraint(signupSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: signupSchema }),
	})
	return (
		<article className="narrow">
			<h1>{t('signup.title')}</h1>
			{actionData && 'sent' in actionData ? (
				<p className="notice notice--success" role="status">
					{t('security.signup.sent')}
				</p>
			) : null}
			<p>{t('signup.intro')}</p>
			<Form method="post" {...getFormProps(form)}>
				<ErrorList id={form.errorId} errors={form.errors} />
				<Honeypot />
				{redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
				<Field
					label={t('signup.displayName')}
					hint={t('signup.displayNameHint')}
					errors={fields.displayName.errors}
					inputProps={{ ...getInputProps(fields.displayName, { type: 'text' }), autoComplete: 'nickname' }}
				/>
				<Field
					label={t('signup.login')}
					hint={t('signup.loginHint')}
					errors={fields.login.errors}
					inputProps={{ ...getInputProps(fields.login, { type: 'text' }), autoComplete: 'username', autoCapitalize: 'none' }}
				/>
				<Field
					label={t('signup.password')}
					hint={t('signup.passwordHint')}
					errors={fields.password.errors}
					inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password' }}
				/>
				<p className="small">{t('signup.privacy')}</p>
				<button type="submit" className="button">
					{t('signup.submit')}
				</button>
			</Form>
			<p>
				{t('signup.haveAccount')} <a href={redirectTo ? `/login?${new URLSearchParams({ redirectTo })}` : '/login'}>{t('login.title')}</a>
			</p>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
