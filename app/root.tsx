import { data, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import {
	Links,
	Meta,
	Outlet,
	Scripts,
	ScrollRestoration,
	useLocation,
	useMatches,
	useRouteLoaderData,
	type MetaFunction,
} from '@remix-run/react'
import { useEffect, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useChangeLanguage } from 'remix-i18next/react'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { FlashMessage } from '~/components/flash-message.tsx'
import { HelplineCard } from '~/components/helplines.tsx'
import { LanguageOffer } from '~/components/language-offer.tsx'
import { LanguageSwitcher } from '~/components/language-switcher.tsx'
import { QuickExit } from '~/components/quick-exit.tsx'
import { isLocale } from '~/config/i18n.ts'
import { bundlesOf } from '~/config/string-bundles.ts'
import { addBundles } from '~/locales/load-strings.ts'
import stylesheet from '~/styles/app.css?url'
import { getUser } from '~/auth/identity.server.ts'
import { isDiscreet } from '~/utils/discreet.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { getFlash } from '~/utils/flash.server.ts'
import { getLanguageOffer } from '~/utils/language-offer.server.ts'
import { getLocale, i18nServer, rememberExplicitLocale } from '~/utils/i18n.server.ts'
import { localeAlternates } from '~/utils/locale-links.ts'
import { pageMeta } from '~/utils/meta.ts'
import { useNonce } from '~/utils/nonce.ts'
import { isOfflineCopy } from '~/utils/offline-copy.server.ts'
import { publicOrigin } from '~/utils/origin.server.ts'

export const handle = { i18n: ['common'] }

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: stylesheet }]

// After the page has loaded (so a first visit costs what it did), install the service worker that
// keeps opened lessons for offline reading, and the small script that talks to it (decision 018).
// Not on the page that has just removed everything kept offline (/safety), or it would start again.
// The page that says the offline copies are removed removes them again, now and a moment later:
// Clear-Site-Data can race a worker that was still writing its copies (found by the e2e suite).
const REGISTER_WORKER = `if('serviceWorker'in navigator){if(document.querySelector('[data-offline-removed]')){var c=function(){navigator.serviceWorker.getRegistrations().then(function(r){r.forEach(function(w){w.unregister()})});if(window.caches)caches.keys().then(function(k){k.forEach(function(n){caches.delete(n)})})};c();setTimeout(c,1500)}else addEventListener('load',function(){navigator.serviceWorker.register('/sw.js');var s=document.createElement('script');s.src='/offline.js';document.head.appendChild(s)})}`

export async function loader({ request }: LoaderFunctionArgs) {
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const url = new URL(request.url)
	const setCookie = await rememberExplicitLocale(request)
	const user = await getUser(request)
	// The service worker's copy of a page (fetched in the background, maybe while the next page is
	// on its way) must not take the one-shot messages meant for the page the person opens.
	const offlineCopy = isOfflineCopy(request)
	const flash = offlineCopy ? { message: null, setCookie: null } : await getFlash(request)
	const offer = offlineCopy ? { locale: null, setCookie: null } : await getLanguageOffer(request)
	const headers = new Headers()
	for (const cookie of [setCookie, flash.setCookie, offer.setCookie]) if (cookie) headers.append('Set-Cookie', cookie)
	return data(
		{
			locale,
			appName: t('appName'),
			description: t('meta.description'),
			// Discreet mode: every tab shows this neutral title instead of the page's, and the
			// icon and installed app's name are neutral too.
			discreetTitle: user?.discreetMode || (await isDiscreet(request)) ? t('discreet.title') : null,
			// A copy kept for offline reading says nothing about who is signed in.
			signedIn: user !== null && !offlineCopy,
			quickExitUrl: getEnv().QUICK_EXIT_URL,
			errorTitles: { notFound: t('errors.notFound.title'), unexpected: t('errors.unexpected.title') },
			alternates: localeAlternates(url, publicOrigin(request)),
			flash: flash.message ? t(flash.message) : null,
			languageOffer: user && offer.locale !== user.locale ? offer.locale : null,
		},
		{ headers },
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches, error }) => pageMeta({ matches, error })

export function Layout({ children }: { children: ReactNode }) {
	const data = useRouteLoaderData<typeof loader>('root')
	const { t, i18n } = useTranslation()
	const locale = data?.locale ?? (isLocale(i18n.language) ? i18n.language : 'kk')
	useChangeLanguage(locale)
	const bundles = bundlesOf(useMatches())
	useEffect(() => {
		if (bundles.length > 0) void addBundles(i18n, locale, bundles)
	}, [i18n, locale, bundles.join(' ')]) // eslint-disable-line react-hooks/exhaustive-deps -- the list, by value
	const nonce = useNonce()
	const { pathname } = useLocation()
	return (
		<html lang={locale} data-bundles={bundles.length > 0 ? bundles.join(' ') : undefined}>
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<meta name="color-scheme" content="light dark" />
				<meta name="theme-color" content={data?.discreetTitle ? '#5b6570' : '#1f5f8b'} />
				<Meta />
				<link rel="icon" href={data?.discreetTitle ? '/icons/learning.svg' : '/favicon.svg'} type="image/svg+xml" />
				<link rel="manifest" href="/manifest.webmanifest" crossOrigin="use-credentials" />
				{data?.alternates.map((alternate) => (
					<link key={alternate.hrefLang} rel="alternate" hrefLang={alternate.hrefLang} href={alternate.href} />
				))}
				<Links />
			</head>
			<body>
				<a className="skip-link" href="#main">
					{t('skipToContent')}
				</a>
				{data ? <QuickExit url={data.quickExitUrl} /> : null}
				<header className="site-header">
					{/* Discreet mode: the header's name is as neutral as the tab's title. */}
					<a className="site-name" href="/">
						{data?.discreetTitle ?? t('appName')}
					</a>
					{/* On a phone the links fold into a menu that opens without JavaScript; on a wider
					    screen the stylesheet shows them in one row and hides the "Menu" button. */}
					<details className="site-menu">
						<summary className="site-menu__button">
							{/* The three-line sign, so the button fits beside the quick exit on a 360 px phone. */}
							<span aria-hidden="true">☰</span>
							<span className="visually-hidden">{t('nav.menu')}</span>
						</summary>
						<div className="site-menu__panel">
							<nav aria-label={t('nav.label')} className="site-nav">
								<a href="/courses">{t('nav.courses')}</a>
								<a href="/help" className="site-nav__help">
									{t('nav.help')}
								</a>
								<a href="/safety">{t('nav.safety')}</a>
								<a href="/verify">{t('nav.verify')}</a>
								{data?.signedIn ? <a href="/account">{t('nav.account')}</a> : <a href="/login">{t('nav.signIn')}</a>}
							</nav>
							<LanguageSwitcher current={locale} />
						</div>
					</details>
				</header>
				<main id="main" tabIndex={-1}>
					<FlashMessage text={data?.flash} />
					<LanguageOffer locale={data?.languageOffer} />
					{children}
				</main>
				<footer className="site-footer">
					{/* /help shows every number itself: the footer does not repeat them there. */}
					{pathname === '/help' ? null : <HelplineCard inFooter />}
					<p>{t('footer.about')}</p>
					<p>{t('footer.notLegalAdvice')}</p>
				</footer>
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
				<script nonce={nonce} dangerouslySetInnerHTML={{ __html: REGISTER_WORKER }} />
			</body>
		</html>
	)
}

export default function App() {
	return <Outlet />
}

export const ErrorBoundary = GeneralErrorBoundary
