import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Field } from '~/components/forms.tsx'
import { joinGroup } from '~/models/organisation.server.ts'
import { requireUser } from '~/auth/guards.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { redirectWithFlash } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { limitWrite, writeRules } from '~/utils/rate-limit.server.ts'

const joinSchema = z.object({ code: z.string({ required_error: 'validation.required' }).trim().min(1, 'validation.required').max(20, 'join.unknown') })

export async function loader({ request }: LoaderFunctionArgs) {
	await requireUser(request)
	const t = await i18nServer.getFixedT(await getLocale(request))
	return { title: t('join.title'), code: (new URL(request.url).searchParams.get('code') ?? '').slice(0, 20) }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const user = await requireUser(request)
	await limitWrite(request, context, writeRules.join, user.id)
	const submission = await parseForm(request, joinSchema)
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	if (!(await joinGroup(user.id, submission.value.code))) return data(submission.reply({ fieldErrors: { code: ['join.unknown'] } }), { status: 400 })
	return redirectWithFlash('/', 'flash.joined')
}

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Join() {
	const { code } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const { t } = useTranslation()
	const [form, fields] = useForm({
		lastResult,
		constraint: getZodConstraint(joinSchema),
		defaultValue: { code },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: joinSchema }),
	})
	return (
		<article className="narrow">
			<h1>{t('join.title')}</h1>
			<p>{t('join.intro')}</p>
			<Form method="post" {...getFormProps(form)}>
				<Field
					label={t('join.code')}
					errors={fields.code.errors}
					inputProps={{ ...getInputProps(fields.code, { type: 'text' }), id: 'code', autoCapitalize: 'characters', autoComplete: 'off' }}
				/>
				<button type="submit" className="button">
					{t('join.submit')}
				</button>
			</Form>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
