import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { joinGroup } from '~/models/organisation.server.ts'
import { requireUser } from '~/auth/guards.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireUser(request)
	const t = await i18nServer.getFixedT(await getLocale(request))
	return { title: t('join.title'), code: (new URL(request.url).searchParams.get('code') ?? '').slice(0, 20) }
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const form = await request.formData().catch(() => null)
	const code = form?.get('code')
	const group = typeof code === 'string' && code.length <= 20 ? await joinGroup(user.id, code) : null
	if (!group) {
		const t = await i18nServer.getFixedT(await getLocale(request))
		return data({ error: t('join.unknown') }, { status: 400 })
	}
	return redirect('/?joined=1')
}

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Join() {
	const { code } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const { t } = useTranslation()
	return (
		<article className="narrow">
			<h1>{t('join.title')}</h1>
			<p>{t('join.intro')}</p>
			<Form method="post">
				{result?.error ? <p className="field-error">{result.error}</p> : null}
				<div className="field">
					<label htmlFor="code">{t('join.code')}</label>
					<input id="code" name="code" type="text" defaultValue={code} required maxLength={20} autoCapitalize="characters" autoComplete="off" />
				</div>
				<button type="submit" className="button">
					{t('join.submit')}
				</button>
			</Form>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
