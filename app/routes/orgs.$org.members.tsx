// Owners manage who runs the organisation: invite teachers/managers or co-owners with a
// single-use link, cancel open invites, remove staff.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { roleLabelKey } from '~/orgs/roles.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ResultsTable } from '~/components/results-table.tsx'
import { cancelInvite, createInvite, INVITE_ROLES, orgStaff, pendingInvites, removeStaff, type InviteRole } from '~/models/organisation.server.ts'
import { requireOrgRole } from '~/auth/guards.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { publicOrigin } from '~/utils/origin.server.ts'
import { needsBundles } from '~/config/string-bundles.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org, user } = await requireOrgRole(request, params.org, ['owner'])
	const t = await i18nServer.getFixedT(await getLocale(request))
	const [staff, invites] = await Promise.all([orgStaff(org.id), pendingInvites(org.id)])
	return {
		title: t('members.title'),
		org: { slug: org.slug, name: org.name, kind: org.kind },
		me: user.id,
		inviteRoles: INVITE_ROLES,
		staff,
		invites: invites.map((invite) => ({ id: invite.id, role: invite.role, expiresAt: invite.expiresAt.toISOString().slice(0, 10) })),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { org, user } = await requireOrgRole(request, params.org, ['owner'])
	const t = await i18nServer.getFixedT(await getLocale(request))
	const form = await request.formData().catch(() => null)
	const intent = form?.get('intent')
	const field = (name: string) => {
		const value = form?.get(name)
		return typeof value === 'string' && value.length <= 64 ? value : ''
	}
	if (intent === 'invite') {
		const role = field('role')
		if (!INVITE_ROLES.includes(role as InviteRole)) return data({ error: t('members.badRole') }, { status: 400 })
		const token = await createInvite({ orgId: org.id, role: role as InviteRole, createdById: user.id })
		// Shown once: only the token's hash is kept.
		return { inviteUrl: `${publicOrigin(request)}/invite/${token}`, role }
	}
	if (intent === 'cancel') {
		if (!(await cancelInvite(org.id, field('invite')))) throw data({ error: t('members.inviteGone') }, { status: 404 })
		return redirect(`/orgs/${org.slug}/members`)
	}
	if (intent === 'remove') {
		const outcome = await removeStaff(org.id, field('user'))
		if (outcome === 'not-staff') throw data({ error: t('members.notStaff') }, { status: 404 })
		if (outcome === 'last-owner') return data({ error: t('members.lastOwner') }, { status: 400 })
		return redirect(`/orgs/${org.slug}/members`)
	}
	return data({ error: t('errors.badForm') }, { status: 400 })
}

export const handle = needsBundles('orgs')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Members() {
	const { org, me, inviteRoles, staff, invites } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const { t } = useTranslation()
	const roleName = (role: string) => t(roleLabelKey(org.kind, role))
	return (
		<article>
			<p className="breadcrumb">
				<a href={`/orgs/${org.slug}`}>{org.name}</a>
			</p>
			<h1>{t('members.title')}</h1>
			<ResultsTable caption={t('members.staffCaption')} columns={[t('dashboard.name'), t('members.roleColumn'), t('members.actions')]}>
				{staff.map((person) => (
					<tr key={person.userId}>
						<th scope="row">{person.displayName}</th>
						<td>{roleName(person.role)}</td>
						<td>
							{person.userId === me ? null : (
								<Form method="post">
									<input type="hidden" name="intent" value="remove" />
									<input type="hidden" name="user" value={person.userId} />
									<button type="submit" className="button button--secondary">
										{t('members.remove', { name: person.displayName })}
									</button>
								</Form>
							)}
						</td>
					</tr>
				))}
			</ResultsTable>
			{result && 'error' in result ? (
				<p className="field-error" role="alert">
					{result.error}
				</p>
			) : null}

			<h2>{t('members.inviteTitle')}</h2>
			<p>{t('members.inviteIntro')}</p>
			{result && 'inviteUrl' in result ? (
				<div className="notice notice--success" role="status">
					<p>{t('members.inviteCreated', { role: roleName(result.role) })}</p>
					<p>
						<code className="invite-link">{result.inviteUrl}</code>
					</p>
				</div>
			) : null}
			<Form method="post" className="filters">
				<input type="hidden" name="intent" value="invite" />
				<div className="field">
					<label htmlFor="invite-role">{t('members.roleColumn')}</label>
					<select id="invite-role" name="role">
						{inviteRoles.map((role) => (
							<option key={role} value={role}>
								{roleName(role)}
							</option>
						))}
					</select>
				</div>
				<button type="submit" className="button">
					{t('members.createInvite')}
				</button>
			</Form>
			{invites.length > 0 ? (
				<>
					<h3>{t('members.openInvites')}</h3>
					<ul>
						{invites.map((invite) => (
							<li key={invite.id}>
								{t('members.openInvite', { role: roleName(invite.role), date: invite.expiresAt })}{' '}
								<Form method="post" className="inline-form">
									<input type="hidden" name="intent" value="cancel" />
									<input type="hidden" name="invite" value={invite.id} />
									<button type="submit" className="button button--secondary">
										{t('members.cancelInvite')}
									</button>
								</Form>
							</li>
						))}
					</ul>
				</>
			) : null}
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
