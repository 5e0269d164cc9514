import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { createGroup, orgGroups } from '~/models/organisation.server.ts'
import { requireOrgRole } from '~/auth/guards.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { needsBundles } from '~/config/string-bundles.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org, role } = await requireOrgRole(request, params.org, ['owner', 'teacher'])
	const groups = await orgGroups(org.id)
	return {
		title: org.name,
		org: { slug: org.slug, name: org.name, kind: org.kind, code: org.code, aggregateOnly: org.aggregateOnly },
		role,
		groups: groups.map((group) => ({ id: group.id, name: group.name, joinCode: group.joinCode, members: group._count.members, courses: group.assignments.length })),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { org } = await requireOrgRole(request, params.org, ['owner', 'teacher'])
	const form = await request.formData().catch(() => null)
	const name = form?.get('name')
	if (typeof name !== 'string' || name.trim().length < 1 || name.length > 80 || /[<>\p{C}]/u.test(name)) {
		const t = await i18nServer.getFixedT(await getLocale(request))
		return data({ error: t('orgs.groupNameInvalid') }, { status: 400 })
	}
	const group = await createGroup(org.id, name.trim())
	return redirect(`/orgs/${org.slug}/groups/${group.id}`)
}

export const handle = needsBundles('orgs')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Organisation() {
	const { org, role, groups } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const { t } = useTranslation()
	return (
		<article>
			<p className="breadcrumb">
				<a href="/orgs">{t('orgs.title')}</a>
			</p>
			<h1>{org.name}</h1>
			<p>{t('orgs.codeIs', { code: org.code })}</p>
			<nav aria-label={t('orgPage.manage')}>
				<ul className="inline-list">
					{role === 'owner' || !org.aggregateOnly ? (
						<li>
							<a href={`/orgs/${org.slug}/certificates`}>{t('orgCertificates.title')}</a>
						</li>
					) : null}
					{role === 'owner' ? (
						<>
							<li>
								<a href={`/orgs/${org.slug}/members`}>{t('members.title')}</a>
							</li>
							<li>
								<a href={`/orgs/${org.slug}/settings`}>{t('orgSettings.title')}</a>
							</li>
						</>
					) : null}
				</ul>
			</nav>
			<h2>{t('orgs.groupsTitle')}</h2>
			{groups.length === 0 ? (
				<p>{t('orgs.noGroups')}</p>
			) : (
				<ul>
					{groups.map((group) => (
						<li key={group.id}>
							<a href={`/orgs/${org.slug}/groups/${group.id}`}>{group.name}</a> — {t('orgs.groupFacts', { members: group.members, courses: group.courses })}
						</li>
					))}
				</ul>
			)}
			<h3>{t('orgs.newGroup')}</h3>
			<Form method="post">
				{result?.error ? <p className="field-error">{result.error}</p> : null}
				<div className="field">
					<label htmlFor="group-name">{t('orgs.groupName')}</label>
					<input id="group-name" name="name" type="text" required maxLength={80} />
				</div>
				<button type="submit" className="button">
					{t('orgs.createGroup')}
				</button>
			</Form>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
