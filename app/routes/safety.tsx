import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { isDiscreet, setDiscreet } from '~/utils/discreet.server.ts'
import { parseForm, refusal } from '~/utils/forms.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { needsBundles } from '~/config/string-bundles.ts'

const discreetSchema = z.object({ discreet: z.enum(['on', 'off']) })

export async function loader({ request }: LoaderFunctionArgs) {
	const t = await i18nServer.getFixedT(await getLocale(request))
	return { title: t('safety.title'), discreet: await isDiscreet(request) }
}

export async function action({ request }: ActionFunctionArgs) {
	const submission = await parseForm(request, discreetSchema)
	if (submission.status !== 'success') throw await refusal(request, 'errors.badForm')
	return redirect('/safety', { headers: { 'Set-Cookie': await setDiscreet(submission.value.discreet === 'on') } })
}

export const handle = needsBundles('info')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Safety() {
	const { discreet } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<article className="safety">
			<h1>{t('safety.title')}</h1>
			<p className="lead">{t('safety.intro')}</p>
			<h2>{t('safety.exitTitle')}</h2>
			<p>{t('safety.exitDoes')}</p>
			<p>{t('safety.exitCannot')}</p>
			<h2>{t('safety.privateTitle')}</h2>
			<p>{t('safety.privateText')}</p>
			<h2>{t('safety.deviceTitle')}</h2>
			<p>{t('safety.deviceText')}</p>
			<h2>{t('safety.historyTitle')}</h2>
			<p>{t('safety.historyText')}</p>
			<h2 id="discreet">{t('safety.discreetTitle')}</h2>
			<p>{t('safety.discreetText')}</p>
			<p role="status">{discreet ? t('safety.discreetIsOn') : t('safety.discreetIsOff')}</p>
			<Form method="post">
				<button type="submit" name="discreet" value={discreet ? 'off' : 'on'} className="button button--secondary">
					{discreet ? t('safety.discreetTurnOff') : t('safety.discreetTurnOn')}
				</button>
			</Form>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
