import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { isDiscreet, setDiscreet } from '~/utils/discreet.server.ts'
import { parseForm, refusal } from '~/utils/forms.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { needsBundles } from '~/config/string-bundles.ts'

// Two forms: discreet mode on or off, and removing what is kept offline (its hidden text is read
// only by the service worker).
const safetySchema = z.union([
	z.object({ discreet: z.enum(['on', 'off']) }),
	z.object({ offline: z.literal('remove'), removedText: z.string().max(500).optional() }),
])

export async function loader({ request }: LoaderFunctionArgs) {
	const t = await i18nServer.getFixedT(await getLocale(request))
	return { title: t('safety.title'), discreet: await isDiscreet(request) }
}

/**
 * What this browser keeps for offline reading, removed in one step: the lessons' copies and the
 * queue of unsent answers live in the Cache API and IndexedDB, which Clear-Site-Data empties (and
 * it unregisters the service worker). The HTTP header does it, so it works without JavaScript.
 */
const REMOVE_OFFLINE = { 'Clear-Site-Data': '"cache", "storage"' }

export async function action({ request }: ActionFunctionArgs) {
	const submission = await parseForm(request, safetySchema)
	if (submission.status !== 'success') throw await refusal(request, 'errors.badForm')
	if ('offline' in submission.value) return data({ removed: true }, { headers: REMOVE_OFFLINE })
	return redirect('/safety', { headers: { 'Set-Cookie': await setDiscreet(submission.value.discreet === 'on') } })
}

// Kept for reading offline (decision 018): nothing on it is about the person.
export const handle = { ...needsBundles('info', 'learning'), offlineCopy: true }

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Safety() {
	const { discreet } = useLoaderData<typeof loader>()
	const done = useActionData<typeof action>()
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
			<p>{t('safety.privateHow')}</p>
			<h2>{t('safety.deviceTitle')}</h2>
			<p>{t('safety.deviceText')}</p>
			<h2>{t('safety.historyTitle')}</h2>
			<p>{t('safety.historyHow')}</p>
			<p>{t('safety.historyText')}</p>
			<h2 id="discreet">{t('safety.discreetTitle')}</h2>
			<p>{t('safety.discreetText')}</p>
			<p className="discreet-cannot">{t('safety.discreetCannot')}</p>
			<p role="status">{discreet ? t('safety.discreetIsOn') : t('safety.discreetIsOff')}</p>
			<Form method="post">
				<button type="submit" name="discreet" value={discreet ? 'off' : 'on'} className="button button--secondary">
					{discreet ? t('safety.discreetTurnOff') : t('safety.discreetTurnOn')}
				</button>
			</Form>
			<h2 id="offline-copies">{t('safetyOffline.title')}</h2>
			<p>{t('safetyOffline.text')}</p>
			{done?.removed ? (
				<p role="status" data-offline-removed="">
					{t('safetyOffline.removed')}
				</p>
			) : null}
			{/* A whole-page post: the browser acts on Clear-Site-Data in a page's own response. The
			    service worker reads the hidden text to answer by itself when there is no connection. */}
			<Form method="post" reloadDocument>
				<input type="hidden" name="removedText" value={t('safetyOffline.removed')} />
				<button type="submit" name="offline" value="remove" className="button button--secondary">
					{t('safetyOffline.remove')}
				</button>
			</Form>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
