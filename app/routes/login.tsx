import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { throttledSignIn, type SignInAttempt } from '~/auth/sign-in-throttle.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, Field, Honeypot } from '~/components/forms.tsx'
import { verifyLogin, verifyPupilLogin } from '~/models/user.server.ts'
import { loginSchema, pupilLoginSchema } from '~/auth/account-schemas.ts'
import { requireAnonymous } from '~/auth/guards.server.ts'
import { safeRedirect } from '~/utils/safe-redirect.ts'
import { isLocale } from '~/config/i18n.ts'
import { landingFor } from '~/models/landing.server.ts'
import { getLocale, i18nServer, localeCookie } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { signIn } from '~/auth/sign-in.server.ts'
import { needsBundles } from '~/config/string-bundles.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAnonymous(request)
	const t = await i18nServer.getFixedT(await getLocale(request))
	const url = new URL(request.url)
	// A language chosen here (?lng=, or earlier with the switcher, kept in the cookie) travels
	// with the form, so signing in keeps it; a language only guessed from the browser does not.
	const chosen: unknown = url.searchParams.get('lng') ?? (await localeCookie.parse(request.headers.get('Cookie')))
	// Only a path of this site is planted in the forms; anything else is dropped here.
	return { title: t('login.title'), redirectTo: safeRedirect(url.searchParams.get('redirectTo'), url.origin, ''), chosenLocale: isLocale(chosen) ? chosen : '' }
}

type Result = { intent: 'account' | 'pupil'; result: SubmissionResult<string[]> }

export async function action({ request, context }: ActionFunctionArgs) {
	await requireAnonymous(request)
	const formData = await request.formData().catch(() => new FormData())
	const intent = formData.get('intent') === 'pupil' ? 'pupil' : 'account'
	const chosen = formData.get('lng')
	const chosenLocale = isLocale(chosen) ? chosen : null
	const reply = (result: SubmissionResult<string[]>, status: number) => data<Result>({ intent, result }, { status })

	// The same message whether the limit, the school code, the name or the password is wrong.
	const answer = async (attempt: SignInAttempt, redirectTo: string | undefined, hideFields: string[], submission: { reply: (options: { formErrors: string[]; hideFields: string[] }) => SubmissionResult<string[]> }) => {
		if (!attempt.ok) return reply(submission.reply({ formErrors: [attempt.limited ? 'auth.tooMany' : 'auth.invalid'], hideFields }), attempt.limited ? 429 : 400)
		// No page asked for: staff and learners land where their work is (app/models/landing.server.ts).
		const target = safeRedirect(redirectTo, new URL(request.url).origin, '')
		const response = await signIn(request, attempt.userId, target || landingFor, { chosenLocale })
		if (attempt.setCookie) response.headers.append('Set-Cookie', attempt.setCookie)
		return response
	}

	if (intent === 'pupil') {
		const submission = parseWithZod(formData, { schema: pupilLoginSchema })
		if (submission.status !== 'success') return reply(submission.reply({ hideFields: ['pin'] }), 400)
		const { orgCode, username, pin, redirectTo } = submission.value
		const attempt = await throttledSignIn(request, context, `pupil:${orgCode.toUpperCase()}:${username.toLowerCase()}`, () => verifyPupilLogin(orgCode, username, pin))
		return answer(attempt, redirectTo, ['pin'], submission)
	}

	const submission = parseWithZod(formData, { schema: loginSchema })
	if (submission.status !== 'success') return reply(submission.reply({ hideFields: ['password'] }), 400)
	const { login, password, redirectTo } = submission.value
	const attempt = await throttledSignIn(request, context, `account:${login.toLowerCase()}`, () => verifyLogin(login, password))
	return answer(attempt, redirectTo, ['password'], submission)
}

export const handle = needsBundles('account')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Login() {
	const { redirectTo, chosenLocale } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const { t } = useTranslation()
	const [accountForm, account] = useForm({
		id: 'account-login',
		lastResult: actionData?.intent === 'account' ? actionData.result : undefined,
		constraint: getZodConstraint(loginSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
	})
	// A login card's link names the school (`?school=`): the pupil types only username and PIN.
	const school = (searchParams.get('school') ?? '').slice(0, 20)
	const [pupilForm, pupil] = useForm({
		id: 'pupil-login',
		defaultValue: { orgCode: school },
		lastResult: actionData?.intent === 'pupil' ? actionData.result : undefined,
		constraint: getZodConstraint(pupilLoginSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: pupilLoginSchema }),
	})
	return (
		<article className="narrow">
			<h1>{t('login.title')}</h1>
			<section aria-labelledby="account-login-title">
				<h2 id="account-login-title">{t('login.accountTitle')}</h2>
				<Form method="post" {...getFormProps(accountForm)}>
					<input type="hidden" name="intent" value="account" />
					<input type="hidden" name="redirectTo" value={redirectTo} />
					<input type="hidden" name="lng" value={chosenLocale} />
					<ErrorList id={accountForm.errorId} errors={accountForm.errors} />
					<Honeypot />
					<Field
						label={t('login.login')}
						errors={account.login.errors}
						inputProps={{ ...getInputProps(account.login, { type: 'text' }), autoComplete: 'username', autoCapitalize: 'none' }}
					/>
					<Field
						label={t('login.password')}
						errors={account.password.errors}
						inputProps={{ ...getInputProps(account.password, { type: 'password' }), autoComplete: 'current-password' }}
					/>
					<button type="submit" className="button">
						{t('login.submit')}
					</button>
				</Form>
				<p>
					<a href="/reset-password">{t('login.forgot')}</a> · <a href="/signup">{t('signup.title')}</a>
				</p>
			</section>
			<section aria-labelledby="pupil-login-title">
				<h2 id="pupil-login-title">{t('login.pupilTitle')}</h2>
				<p>{t('login.pupilIntro')}</p>
				<Form method="post" {...getFormProps(pupilForm)}>
					<input type="hidden" name="intent" value="pupil" />
					<input type="hidden" name="redirectTo" value={redirectTo} />
					<input type="hidden" name="lng" value={chosenLocale} />
					<ErrorList id={pupilForm.errorId} errors={pupilForm.errors} />
					<Honeypot />
					<Field
						label={t('login.orgCode')}
						errors={pupil.orgCode.errors}
						inputProps={{ ...getInputProps(pupil.orgCode, { type: 'text' }), autoCapitalize: 'characters', autoComplete: 'off' }}
					/>
					<Field
						label={t('login.username')}
						errors={pupil.username.errors}
						inputProps={{ ...getInputProps(pupil.username, { type: 'text' }), autoComplete: 'username', autoCapitalize: 'none' }}
					/>
					<Field
						label={t('login.pin')}
						errors={pupil.pin.errors}
						inputProps={{ ...getInputProps(pupil.pin, { type: 'password' }), autoComplete: 'current-password', inputMode: 'numeric' }}
					/>
					<button type="submit" className="button">
						{t('login.submit')}
					</button>
				</Form>
			</section>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
