// A printable poster for the classroom or staff room: the join code, the link and its QR code.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { MANAGE_ROLES } from '~/orgs/roles.ts'
import { requireGroupRole } from '~/auth/guards.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { publicOrigin } from '~/utils/origin.server.ts'
import { qrSvg } from '~/utils/qr.server.ts'
import { needsBundles } from '~/config/string-bundles.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org, group } = await requireGroupRole(request, params.org, params.group, MANAGE_ROLES)
	const t = await i18nServer.getFixedT(await getLocale(request))
	const origin = publicOrigin(request)
	const joinUrl = `${origin}/join?code=${group.joinCode}`
	return {
		title: t('poster.title', { group: group.name }),
		org: { slug: org.slug, name: org.name },
		group,
		joinUrl,
		joinPage: `${origin}/join`,
		qr: await qrSvg(joinUrl),
	}
}

export const handle = needsBundles('orgs')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Poster() {
	const { org, group, joinUrl, joinPage, qr } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<article className="poster">
			<p className="breadcrumb no-print">
				<a href={`/orgs/${org.slug}/groups/${group.id}`}>{group.name}</a>
			</p>
			<p className="poster__org">{org.name}</p>
			<h1>{t('poster.heading', { group: group.name })}</h1>
			<ol className="poster__steps">
				<li>{t('poster.step1')}</li>
				<li>{t('poster.step2', { url: joinPage })}</li>
				<li>
					{t('poster.step3')} <strong className="poster__code">{group.joinCode}</strong>
				</li>
			</ol>
			{/* The SVG is generated on the server from our own URL: nothing user-supplied in it. */}
			<figure className="poster__qr">
				<div role="img" aria-label={t('poster.qrLabel')} dangerouslySetInnerHTML={{ __html: qr }} />
				<figcaption>{joinUrl}</figcaption>
			</figure>
			<p className="no-print">{t('poster.print')}</p>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
