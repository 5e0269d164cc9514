// /invite/:token: an owner's single-use link to become an administrator or report viewer (or co-owner).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { roleLabelKey } from '~/orgs/roles.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { acceptInvite, findOpenInvite } from '~/models/organisation.server.ts'
import { requireUser } from '~/auth/guards.server.ts'
import { getUser } from '~/auth/identity.server.ts'
import { refusal } from '~/utils/forms.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { needsBundles } from '~/config/string-bundles.ts'

async function notValid(request: Request): Promise<never> {
	throw await refusal(request, 'invite.invalid', { status: 404 })
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const invite = await findOpenInvite(params.token ?? '')
	if (!invite) return notValid(request)
	const t = await i18nServer.getFixedT(await getLocale(request))
	const user = await getUser(request)
	return {
		title: t('invite.title'),
		org: { name: invite.org.name, kind: invite.org.kind },
		role: invite.role,
		signedIn: user !== null,
		here: new URL(request.url).pathname,
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const org = await acceptInvite(params.token ?? '', user.id)
	if (!org) return notValid(request)
	return redirect(`/orgs/${org.slug}`)
}

export const handle = needsBundles('orgs')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Invite() {
	const { org, role, signedIn, here } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const roleName = t(roleLabelKey(role), { context: org.kind })
	const back = new URLSearchParams({ redirectTo: here })
	return (
		<article className="narrow">
			<h1>{t('invite.title')}</h1>
			<p>{t('invite.intro', { org: org.name, role: roleName })}</p>
			{signedIn ? (
				<Form method="post">
					<button type="submit" className="button">
						{t('invite.accept')}
					</button>
				</Form>
			) : (
				<p>
					{t('invite.signInFirst')} <a href={`/login?${back}`}>{t('nav.signIn')}</a>
				</p>
			)}
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
