import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { CrisisCentres } from '~/components/crisis-centres.tsx'
import { HelplineCard, HelplineNumber } from '~/components/helplines.tsx'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { needsBundles } from '~/config/string-bundles.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const t = await i18nServer.getFixedT(await getLocale(request))
	return { title: t('help.title') }
}

// Kept for reading offline (decision 018): the numbers matter most when the signal is gone.
export const handle = { ...needsBundles('info'), offlineCopy: true }

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Help() {
	const { t } = useTranslation()
	return (
		<article className="help">
			<h1>{t('help.title')}</h1>
			<section className="danger-now" aria-labelledby="danger-now">
				<h2 id="danger-now">{t('help.dangerTitle')}</h2>
				<p>
					{t('help.dangerCall')} <HelplineNumber id="emergency" /> {t('help.or')} <HelplineNumber id="police" />.
				</p>
				<ul>
					<li>{t('help.dangerPlace')}</li>
					<li>{t('help.dangerSay')}</li>
					<li>{t('help.dangerBystander')}</li>
				</ul>
			</section>
			<HelplineCard all />
			<h2>{t('help.centresTitle')}</h2>
			<p>{t('help.crisisCentres')}</p>
			<CrisisCentres />
			<p className="small">{t('crisisCentres.notListed')}</p>
			<p>{t('help.familyCentres')}</p>
			<p>{t('help.ask')}</p>
			<h2>{t('help.safetyTitle')}</h2>
			<p>
				{t('help.safetyText')} <a href="/safety">{t('help.safetyLink')}</a>
			</p>
			<p className="small">{t('help.disclaimer')}</p>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
