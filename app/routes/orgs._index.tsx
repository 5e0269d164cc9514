import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, Field } from '~/components/forms.tsx'
import { createOrganisation, myOrganisations } from '~/models/organisation.server.ts'
import { requireUser } from '~/auth/guards.server.ts'
import { roleLabelKey } from '~/orgs/roles.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { parseForm } from '~/utils/forms.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { needsBundles } from '~/config/string-bundles.ts'

const newOrgSchema = z.object({
	name: z.string({ required_error: 'validation.required' }).trim().min(2, 'validation.required').max(120, 'validation.tooLong').regex(/^[^<>\p{C}]+$/u, 'validation.nameCharacters'),
	kind: z.enum(['school', 'workplace'], { errorMap: () => ({ message: 'errors.badForm' }) }),
})

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const t = await i18nServer.getFixedT(await getLocale(request))
	const memberships = await myOrganisations(user.id)
	return { title: t('orgs.title'), orgs: memberships.map((membership) => ({ ...membership.org, role: membership.role })) }
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const submission = await parseForm(request, newOrgSchema)
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const org = await createOrganisation({ ...submission.value, locale: await getLocale(request), ownerId: user.id })
	return redirect(`/orgs/${org.slug}`)
}

export const handle = needsBundles('orgs')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Organisations() {
	const { orgs } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const { t } = useTranslation()
	const [form, fields] = useForm({
		lastResult,
		constraint: getZodConstraint(newOrgSchema),
		defaultValue: { kind: 'school' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: newOrgSchema }),
	})
	return (
		<article className="narrow">
			<h1>{t('orgs.title')}</h1>
			{orgs.length > 0 ? (
				<ul>
					{orgs.map((org) => (
						<li key={org.slug}>
							<a href={`/orgs/${org.slug}`}>{org.name}</a> ({t(roleLabelKey(org.role), { context: org.kind })})
						</li>
					))}
				</ul>
			) : (
				<p>{t('orgs.none')}</p>
			)}
			<h2>{t('orgs.createTitle')}</h2>
			<Form method="post" {...getFormProps(form)}>
				<ErrorList id={form.errorId} errors={form.errors} />
				<Field label={t('orgs.name')} errors={fields.name.errors} inputProps={{ ...getInputProps(fields.name, { type: 'text' }), id: 'name' }} />
				<fieldset className="field">
					<legend>{t('orgs.kind')}</legend>
					<ErrorList id={fields.kind.errorId} errors={fields.kind.errors} />
					{(['school', 'workplace'] as const).map((kind) => (
						<label key={kind} className="choice">
							<input {...getInputProps(fields.kind, { type: 'radio', value: kind })} key={kind} id={undefined} /> <span>{t(`orgs.${kind}`)}</span>
						</label>
					))}
				</fieldset>
				<button type="submit" className="button">
					{t('orgs.create')}
				</button>
			</Form>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
