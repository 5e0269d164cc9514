import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { createOrganisation, myOrganisations } from '~/models/organisation.server.ts'
import { requireUser } from '~/auth/guards.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { needsBundles } from '~/config/string-bundles.ts'

const newOrgSchema = z.object({
	name: z.string().trim().min(2, 'validation.required').max(120, 'validation.tooLong').regex(/^[^<>\p{C}]+$/u, 'validation.nameCharacters'),
	kind: z.enum(['school', 'workplace']),
})

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const t = await i18nServer.getFixedT(await getLocale(request))
	const memberships = await myOrganisations(user.id)
	return { title: t('orgs.title'), orgs: memberships.map((membership) => ({ ...membership.org, role: membership.role })) }
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const locale = await getLocale(request)
	const form = await request.formData().catch(() => null)
	const parsed = newOrgSchema.safeParse({ name: form?.get('name'), kind: form?.get('kind') })
	if (!parsed.success) {
		const t = await i18nServer.getFixedT(locale)
		return data({ error: t(parsed.error.issues[0]!.message.startsWith('validation.') ? parsed.error.issues[0]!.message : 'errors.badForm') }, { status: 400 })
	}
	const org = await createOrganisation({ ...parsed.data, locale, ownerId: user.id })
	return redirect(`/orgs/${org.slug}`)
}

export const handle = needsBundles('orgs')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Organisations() {
	const { orgs } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const { t } = useTranslation()
	return (
		<article className="narrow">
			<h1>{t('orgs.title')}</h1>
			{orgs.length > 0 ? (
				<ul>
					{orgs.map((org) => (
						<li key={org.slug}>
							<a href={`/orgs/${org.slug}`}>{org.name}</a> ({t(`orgs.role.${org.role}`)})
						</li>
					))}
				</ul>
			) : (
				<p>{t('orgs.none')}</p>
			)}
			<h2>{t('orgs.createTitle')}</h2>
			<Form method="post">
				{result?.error ? <p className="field-error">{result.error}</p> : null}
				<div className="field">
					<label htmlFor="name">{t('orgs.name')}</label>
					<input id="name" name="name" type="text" required maxLength={120} />
				</div>
				<fieldset className="field">
					<legend>{t('orgs.kind')}</legend>
					<label className="choice">
						<input type="radio" name="kind" value="school" defaultChecked /> <span>{t('orgs.school')}</span>
					</label>
					<label className="choice">
						<input type="radio" name="kind" value="workplace" /> <span>{t('orgs.workplace')}</span>
					</label>
				</fieldset>
				<button type="submit" className="button">
					{t('orgs.create')}
				</button>
			</Form>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
