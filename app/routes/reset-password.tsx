import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, Field, Honeypot } from '~/components/forms.tsx'
import { createResetToken } from '~/models/user.server.ts'
import { resetRequestSchema } from '~/auth/account-schemas.ts'
import { requireAnonymous } from '~/auth/guards.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { sendMail } from '~/models/mail.server.ts'
import { redirectWithFlash } from '~/utils/flash.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { publicOrigin } from '~/utils/origin.server.ts'
import { clientIp, hit, rules } from '~/utils/rate-limit.server.ts'
import { needsBundles } from '~/config/string-bundles.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAnonymous(request)
	const t = await i18nServer.getFixedT(await getLocale(request))
	return { title: t('reset.title') }
}

export async function action({ request, context }: ActionFunctionArgs) {
	await requireAnonymous(request)
	const formData = await request.formData().catch(() => new FormData())
	const submission = parseWithZod(formData, { schema: resetRequestSchema })
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const email = submission.value.email.toLowerCase()
	// Whatever happens next, the answer is the same: it must not tell whether an account exists.
	const allowed = (await hit(rules.resetByIp, clientIp(context))).allowed && (await hit(rules.resetByAccount, email)).allowed
	if (allowed) {
		const reset = await createResetToken(email)
		if (reset) {
			const locale = await getLocale(request)
			const t = await i18nServer.getFixedT(locale)
			const link = `${publicOrigin(request)}/reset-password/${reset.token}?lng=${locale}`
			await sendMail({ to: email, subject: t('reset.mailSubject'), text: t('reset.mailText', { link }) })
		}
	}
	return redirectWithFlash('/reset-password', 'reset.sent')
}

export const handle = needsBundles('account')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function ResetRequest() {
	const lastResult = useActionData<typeof action>()
	const { t } = useTranslation()
	const [form, fields] = useForm({
		lastResult,
		constraint: getZodConstraint(resetRequestSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: resetRequestSchema }),
	})
	return (
		<article className="narrow">
			<h1>{t('reset.title')}</h1>
			<p>{t('reset.intro')}</p>
			<Form method="post" {...getFormProps(form)}>
				<ErrorList id={form.errorId} errors={form.errors} />
				<Honeypot />
				<Field label={t('reset.email')} errors={fields.email.errors} inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }} />
				<button type="submit" className="button">
					{t('reset.submit')}
				</button>
			</Form>
			<p className="small">{t('reset.pupils')}</p>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
