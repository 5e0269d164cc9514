import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Field } from '~/components/forms.tsx'
import { createGroup, orgGroups } from '~/models/organisation.server.ts'
import { requireOrgRole } from '~/auth/guards.server.ts'
import { MANAGE_ROLES, mayManage, REPORT_ROLES } from '~/orgs/roles.ts'
import { parseForm } from '~/utils/forms.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { needsBundles } from '~/config/string-bundles.ts'

const INVALID = 'orgs.groupNameInvalid'
const newGroupSchema = z.object({
	name: z.string({ required_error: INVALID }).max(80, INVALID).trim().min(1, INVALID).regex(/^[^<>\p{C}]+$/u, INVALID),
})

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org, role } = await requireOrgRole(request, params.org, REPORT_ROLES)
	const groups = await orgGroups(org.id)
	return {
		title: org.name,
		// The pupils' sign-in code: for a school's managers only (a workplace has no PIN accounts; decision 020).
		org: { slug: org.slug, name: org.name, kind: org.kind, code: mayManage(role) && org.kind === 'school' ? org.code : null, aggregateOnly: org.aggregateOnly },
		role,
		manage: mayManage(role),
		groups: groups.map((group) => ({ id: group.id, name: group.name, members: group._count.members, courses: group.assignments.length })),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { org } = await requireOrgRole(request, params.org, MANAGE_ROLES)
	const submission = await parseForm(request, newGroupSchema)
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const group = await createGroup(org.id, submission.value.name)
	return redirect(`/orgs/${org.slug}/groups/${group.id}`)
}

export const handle = needsBundles('orgs', 'packages', 'lti', 'oneroster')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Organisation() {
	const { org, role, manage, groups } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const { t } = useTranslation()
	const [form, fields] = useForm({
		lastResult,
		constraint: getZodConstraint(newGroupSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: newGroupSchema }),
	})
	return (
		<article>
			<p className="breadcrumb">
				<a href="/orgs">{t('orgs.title')}</a>
			</p>
			<h1>{org.name}</h1>
			{org.code ? <p>{t('orgs.codeIs', { code: org.code })}</p> : null}
			<nav aria-label={t('orgPage.manage')}>
				<ul className="inline-list">
					<li>
						<a href={`/orgs/${org.slug}/export`}>{t('packages.exportTitle')}</a>
					</li>
					{manage && org.kind === 'school' ? (
						<li>
							<a href={`/orgs/${org.slug}/import/oneroster`}>{t('oneroster.title')}</a>
						</li>
					) : null}
					{role === 'owner' || !org.aggregateOnly ? (
						<li>
							<a href={`/orgs/${org.slug}/certificates`}>{t('orgCertificates.title')}</a>
						</li>
					) : null}
					{manage ? (
						<li>
							<a href={`/orgs/${org.slug}/invitations`}>{t('orgNav.invitations')}</a>
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
							<li>
								<a href={`/orgs/${org.slug}/lti`}>{t('lti.settings.title')}</a>
							</li>
						</>
					) : null}
				</ul>
			</nav>
			<h2>{t('orgs.groupsTitle', { context: org.kind })}</h2>
			{groups.length === 0 ? (
				<p>{t('orgs.noGroups', { context: org.kind })}</p>
			) : (
				<ul>
					{groups.map((group) => (
						<li key={group.id}>
							<a href={`/orgs/${org.slug}/groups/${group.id}`}>{group.name}</a> — {t('orgs.groupFacts', { members: group.members, courses: group.courses })}
						</li>
					))}
				</ul>
			)}
			{manage ? (
				<>
					<h3>{t('orgs.newGroup', { context: org.kind })}</h3>
					<Form method="post" {...getFormProps(form)}>
						<Field label={t('orgs.groupName')} errors={fields.name.errors} inputProps={{ ...getInputProps(fields.name, { type: 'text' }), id: 'group-name' }} />
						<button type="submit" className="button">
							{t('orgs.createGroup')}
						</button>
					</Form>
				</>
			) : null}
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
