// /manifest.webmanifest: what a phone needs to install Qorgau as an app (decision 018). In
// discreet mode the installed app is called "Learning" and has a plain book for an icon, so its
// name and icon on a home screen say nothing about the topic.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { getUser } from '~/auth/identity.server.ts'
import { isDiscreet } from '~/utils/discreet.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'

const LOOKS = {
	plain: { icon: 'qorgau', theme: '#1f5f8b' },
	discreet: { icon: 'learning', theme: '#5b6570' },
}

export async function loader({ request }: LoaderFunctionArgs) {
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const discreet = (await getUser(request))?.discreetMode || (await isDiscreet(request))
	const look = discreet ? LOOKS.discreet : LOOKS.plain
	const name = discreet ? t('discreet.title') : t('appName')
	const manifest = {
		id: '/',
		name,
		short_name: name,
		...(discreet ? {} : { description: t('manifest.description') }),
		lang: locale,
		start_url: '/',
		scope: '/',
		display: 'standalone',
		background_color: '#fbfaf7',
		theme_color: look.theme,
		icons: [
			{ src: `/icons/${look.icon}.svg`, sizes: 'any', type: 'image/svg+xml' },
			{ src: `/icons/${look.icon}-192.png`, sizes: '192x192', type: 'image/png' },
			{ src: `/icons/${look.icon}-512.png`, sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
		],
	}
	// It depends on discreet mode, which can change at any moment: never kept.
	return new Response(JSON.stringify(manifest), { headers: { 'Content-Type': 'application/manifest+json; charset=utf-8', 'Cache-Control': 'no-store' } })
}
