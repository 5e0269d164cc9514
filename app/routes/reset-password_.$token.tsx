import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, Field } from '~/components/forms.tsx'
import { findResetToken, resetPassword } from '~/models/user.server.ts'
import { resetSchema } from '~/auth/account-schemas.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { redirectWithFlash } from '~/utils/flash.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { needsBundles } from '~/config/string-bundles.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const t = await i18nServer.getFixedT(await getLocale(request))
	const valid = (await findResetToken(params.token ?? '')) !== null
	return data({ title: t('reset.newTitle'), valid }, { status: valid ? 200 : 400 })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await request.formData().catch(() => new FormData())
	const submission = parseWithZod(formData, { schema: resetSchema })
	if (submission.status !== 'success') return data(submission.reply({ hideFields: ['newPassword'] }), { status: 400 })
	if (!(await resetPassword(params.token ?? '', submission.value.newPassword))) {
		return data(submission.reply({ formErrors: ['reset.invalid'], hideFields: ['newPassword'] }), { status: 400 })
	}
	return redirectWithFlash('/login', 'reset.done')
}

export const handle = needsBundles('account')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function ResetPassword() {
	const { valid } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const { t } = useTranslation()
	const [form, fields] = useForm({
		lastResult,
		constraint: getZodConstraint(resetSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: resetSchema }),
	})
	return (
		<article className="narrow">
			<h1>{t('reset.newTitle')}</h1>
			{valid ? (
				<Form method="post" {...getFormProps(form)}>
					<ErrorList id={form.errorId} errors={form.errors} />
					<Field label={t('account.newPassword')} hint={t('signup.passwordHint')} errors={fields.newPassword.errors} inputProps={{ ...getInputProps(fields.newPassword, { type: 'password' }), autoComplete: 'new-password' }} />
					<button type="submit" className="button">
						{t('reset.save')}
					</button>
				</Form>
			) : (
				<p>
					{t('reset.invalid')} <a href="/reset-password">{t('reset.again')}</a>
				</p>
			)}
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
