import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { completePendingSignup, findPendingSignup } from '~/models/pending-signup.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { signIn } from '~/auth/sign-in.server.ts'
import { landingAfterSignIn } from '~/models/assessment.server.ts'

// The link mailed by an email sign-up. Opening it changes nothing (mail scanners open links);
// the button finishes the sign-up.
export async function loader({ request, params }: LoaderFunctionArgs) {
	const t = await i18nServer.getFixedT(await getLocale(request))
	const pending = await findPendingSignup(params.token ?? '')
	return data({ title: t('security.signup.finishTitle'), email: pending?.email ?? null }, { status: pending ? 200 : 400 })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await completePendingSignup(params.token ?? '')
	if (!user) return data({ invalid: true }, { status: 400 })
	// A guest who passed a quiz before signing up lands on the certificate's name form (decision 008).
	return signIn(request, user.id, (userId) => landingAfterSignIn(userId, '/account'))
}

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function FinishSignup() {
	const { email } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const valid = email !== null && !actionData?.invalid
	return (
		<article className="narrow">
			<h1>{t('security.signup.finishTitle')}</h1>
			{valid ? (
				<Form method="post">
					<p>{t('security.signup.finishIntro', { email })}</p>
					<button type="submit" className="button">
						{t('security.signup.finishSubmit')}
					</button>
				</Form>
			) : (
				<p role="alert">
					{t('security.signup.invalid')} <a href="/signup">{t('signup.title')}</a>
				</p>
			)}
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
