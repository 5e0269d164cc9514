// Owners manage who runs the organisation: invite administrators, report viewers or co-owners with a
// single-use link, cancel open invites, remove staff.
import { getFormProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { INVITE_ROLES, OWNER_ROLES, roleLabelKey } from '~/orgs/roles.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { RowAction } from '~/components/row-action.tsx'
import { ErrorList } from '~/components/forms.tsx'
import { ResultsTable } from '~/components/results-table.tsx'
import { cancelInvite, createInvite, orgStaff, pendingInvites, removeStaff } from '~/models/organisation.server.ts'
import { requireOrgRole } from '~/auth/guards.server.ts'
import { parseForm, refusal } from '~/utils/forms.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { publicOrigin } from '~/utils/origin.server.ts'
import { needsBundles } from '~/config/string-bundles.ts'
import { isoDay } from '~/utils/dates.ts'
import { limitWrite, writeRules } from '~/utils/rate-limit.server.ts'

const id = z.string({ required_error: 'errors.badForm' }).max(64, 'errors.badForm')
const membersSchema = z.discriminatedUnion(
	'intent',
	[
		z.object({ intent: z.literal('invite'), role: z.enum(INVITE_ROLES, { errorMap: () => ({ message: 'members.badRole' }) }) }),
		z.object({ intent: z.literal('cancel'), invite: id }),
		z.object({ intent: z.literal('remove'), user: id }),
	],
	{ errorMap: () => ({ message: 'errors.badForm' }) },
)

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org, user } = await requireOrgRole(request, params.org, OWNER_ROLES)
	const t = await i18nServer.getFixedT(await getLocale(request))
	const [staff, invites] = await Promise.all([orgStaff(org.id), pendingInvites(org.id)])
	return {
		title: t('members.title'),
		org: { slug: org.slug, name: org.name, kind: org.kind },
		me: user.id,
		inviteRoles: INVITE_ROLES,
		staff,
		invites: invites.map((invite) => ({ id: invite.id, role: invite.role, expiresAt: isoDay(invite.expiresAt) })),
	}
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { org, user } = await requireOrgRole(request, params.org, OWNER_ROLES)
	const submission = await parseForm(request, membersSchema)
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const input = submission.value
	if (input.intent === 'invite') {
		await limitWrite(request, context, writeRules.invite, user.id)
		const token = await createInvite({ orgId: org.id, role: input.role, createdById: user.id })
		// Shown once: only the token's hash is kept.
		return { inviteUrl: `${publicOrigin(request)}/invite/${token}`, role: input.role }
	}
	if (input.intent === 'cancel') {
		if (!(await cancelInvite(org.id, input.invite))) throw await refusal(request, 'members.inviteGone', { status: 404 })
		return redirect(`/orgs/${org.slug}/members`)
	}
	const outcome = await removeStaff(org.id, input.user)
	if (outcome === 'not-staff') throw await refusal(request, 'members.notStaff', { status: 404 })
	if (outcome === 'last-owner') return data(submission.reply({ formErrors: ['members.lastOwner'] }), { status: 400 })
	return redirect(`/orgs/${org.slug}/members`)
}

export const handle = needsBundles('orgs')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Members() {
	const { org, me, inviteRoles, staff, invites } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const { t } = useTranslation()
	const [form, fields] = useForm({
		lastResult: result && 'inviteUrl' in result ? undefined : result,
		constraint: getZodConstraint(membersSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: membersSchema }),
	})
	const roleName = (role: string) => t(roleLabelKey(role), { context: org.kind })
	return (
		<article>
			<p className="breadcrumb">
				<a href={`/orgs/${org.slug}`}>{org.name}</a>
			</p>
			<h1>{t('members.title')}</h1>
			<ResultsTable caption={t('members.staffCaption', { context: org.kind })} columns={[t('dashboard.name'), t('members.roleColumn'), t('members.actions')]}>
				{staff.map((person) => (
					<tr key={person.userId}>
						<th scope="row">{person.displayName}</th>
						<td>{roleName(person.role)}</td>
						<td>
							{person.userId === me ? null : (
								<RowAction intent="remove" name="user" value={person.userId} label={t('members.remove', { name: person.displayName })} />
							)}
						</td>
					</tr>
				))}
			</ResultsTable>
			<ErrorList id={form.errorId} errors={form.errors} />

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
			<Form method="post" className="filters" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="invite" />
				<div className="field">
					<label htmlFor="invite-role">{t('members.roleColumn')}</label>
					<ErrorList id={fields.role.errorId} errors={fields.role.errors} />
					<select {...getSelectProps(fields.role)} key={fields.role.key} id="invite-role">
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
								<RowAction intent="cancel" name="invite" value={invite.id} label={t('members.cancelInvite')} inline />
							</li>
						))}
					</ul>
				</>
			) : null}
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
