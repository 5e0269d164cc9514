// /orgs/:org/invitations: owners and administrators invite people by email (decision 020) — one
// address, or a CSV of names and emails checked in a preview before anything is sent — and see
// every invitation with its status, to resend or withdraw it. Administrators invite learners and
// report viewers; only owners invite administrators.
import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireOrgRole } from '~/auth/guards.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { RowAction } from '~/components/row-action.tsx'
import { UploadForm } from '~/components/upload-form.tsx'
import { ErrorList, Field } from '~/components/forms.tsx'
import { ResultsTable } from '~/components/results-table.tsx'
import { needsBundles } from '~/config/string-bundles.ts'
import { mailInvitation } from '~/models/invitation-mail.server.ts'
import { createInvitation, orgInvitations, planInvitations, renewInvitation, withdrawInvitation, type InvitationPlan } from '~/models/invitations.server.ts'
import { orgGroups } from '~/models/organisation.server.ts'
import { ACCEPTED_HEADERS, decodeCsv, MAX_BYTES, MAX_ROWS } from '~/orgs/csv.ts'
import { fileErrorMessage, rowReasonMessage } from '~/orgs/messages.ts'
import { MANAGE_ROLES, roleLabelKey, type OrgRole } from '~/orgs/roles.ts'
import { EMAIL, displayName } from '~/utils/account-fields.ts'
import { isoDay } from '~/utils/dates.ts'
import { redirectWithFlash } from '~/utils/flash.server.ts'
import { readUpload } from '~/utils/form-body.server.ts'
import { parseForm, refusal } from '~/utils/forms.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { publicOrigin } from '~/utils/origin.server.ts'
import { limitWrite, writeRules } from '~/utils/rate-limit.server.ts'

/** Who each role may invite: owners anyone who runs or trains; administrators learners and report viewers. */
const invitable = (role: OrgRole): OrgRole[] => (role === 'owner' ? ['learner', 'viewer', 'admin'] : ['learner', 'viewer'])

const id = z.string({ required_error: 'errors.badForm' }).max(64, 'errors.badForm')
const inviteSchema = z.discriminatedUnion('intent', [
	z.object({
		intent: z.literal('invite'),
		name: displayName,
		email: z.string({ required_error: 'validation.required' }).trim().toLowerCase().max(254, 'validation.tooLong').regex(EMAIL, 'validation.email'),
		role: z.enum(['learner', 'viewer', 'admin'], { errorMap: () => ({ message: 'invitations.badRole' }) }),
		group: z.string().max(64, 'errors.badForm').optional(),
	}),
	z.object({ intent: z.literal('resend'), invitation: id }),
	z.object({ intent: z.literal('withdraw'), invitation: id }),
])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org, role } = await requireOrgRole(request, params.org, MANAGE_ROLES)
	const t = await i18nServer.getFixedT(await getLocale(request))
	const [invitations, groups] = await Promise.all([orgInvitations(org.id), orgGroups(org.id)])
	return {
		title: t('invitations.title'),
		org: { slug: org.slug, name: org.name, kind: org.kind },
		roles: invitable(role),
		groups: groups.map((group) => ({ id: group.id, name: group.name })),
		headers: { name: headerNames(ACCEPTED_HEADERS.name, org.kind), email: headerNames(ACCEPTED_HEADERS.login, org.kind).filter((name) => !USERNAME_HEADER.test(name)), group: headerNames(ACCEPTED_HEADERS.group, org.kind) },
		maxRows: MAX_ROWS,
		maxKb: MAX_BYTES / 1000,
		invitations: invitations.map((invitation) => ({ ...invitation, sentAt: isoDay(invitation.sentAt) })),
	}
}

const NO_STORE = { 'Cache-Control': 'no-store' }

// The file may name its columns as a class list does ("ученик", "класс"); a workplace's page lists
// only the names that are its own words.
const SCHOOL_HEADERS = new Set(['pupil', 'student', 'ученик', 'оқушы', 'class', 'класс', 'сынып'])
// The email column also takes a class list's username headers; the help lists the email words only.
const USERNAME_HEADER = /user|login|логин|пользовател|пайдаланушы/i
const headerNames = (names: readonly string[], kind: string) => (kind === 'school' ? [...names] : names.filter((name) => !SCHOOL_HEADERS.has(name)))

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { org, role, user } = await requireOrgRole(request, params.org, MANAGE_ROLES)
	await limitWrite(request, context, writeRules.invite, user.id)
	const origin = publicOrigin(request)
	const here = `/orgs/${org.slug}/invitations`
	if ((request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) return csvStep(request, org, user.id, origin)

	const submission = await parseForm(request, inviteSchema)
	if (submission.status !== 'success') return data({ stage: 'form' as const, reply: submission.reply() }, { status: 400 })
	const value = submission.value
	if (value.intent === 'invite') {
		if (!invitable(role).includes(value.role)) return data({ stage: 'form' as const, reply: submission.reply({ fieldErrors: { role: ['invitations.badRole'] } }) }, { status: 400 })
		const groups = await orgGroups(org.id)
		const group = value.group ? groups.find((g) => g.id === value.group) : null
		if (value.group && !group) return data({ stage: 'form' as const, reply: submission.reply({ fieldErrors: { group: ['errors.badForm'] } }) }, { status: 400 })
		const created = await createInvitation(org, { email: value.email, name: value.name, role: value.role, groupId: group?.id ?? null }, user.id)
		if (!created) return data({ stage: 'form' as const, reply: submission.reply({ fieldErrors: { email: ['invitations.alreadyMember'] } }) }, { status: 400 })
		await mailInvitation(origin, org, { email: value.email, name: value.name, role: value.role, token: created.token })
		throw await redirectWithFlash(here, 'invitations.sent')
	}
	if (value.intent === 'resend') {
		const renewed = await renewInvitation(org, value.invitation)
		if (!renewed) throw await refusal(request, 'invitations.gone', { status: 404 })
		const role = (await orgInvitations(org.id)).find((invitation) => invitation.id === value.invitation)?.role ?? 'learner'
		await mailInvitation(origin, org, { ...renewed, role })
		throw await redirectWithFlash(here, 'invitations.resent')
	}
	if (!(await withdrawInvitation(org, value.invitation))) throw await refusal(request, 'invitations.gone', { status: 404 })
	throw await redirectWithFlash(here, 'invitations.withdrawn')
}

type Org = { id: string; name: string; kind: string; locale: string }

/** The CSV: a preview of every row, then (with the same file, unchanged) the invitations sent. */
async function csvStep(request: Request, org: Org, userId: string, origin: string) {
	const t = await i18nServer.getFixedT(await getLocale(request))
	const fail = (message: string, status: number) => data({ stage: 'error' as const, error: message }, { status, headers: NO_STORE })
	const preview = (plan: Extract<InvitationPlan, { ok: true }>, text: string, changed: boolean) =>
		data(
			{
				stage: 'preview' as const,
				changed,
				text,
				fingerprint: plan.fingerprint,
				counts: plan.counts,
				rows: plan.rows.map((row) => ({ line: row.line, name: row.name, email: row.email, group: row.groupName, status: row.status, reason: row.reason ? invitationReason(t, row.reason) : null })),
			},
			{ status: changed ? 409 : 200, headers: NO_STORE },
		)
	const upload = await readUpload(request, 2 * MAX_BYTES + 1024)
	if (!upload.ok) return fail(fileErrorMessage(t, upload.code === 'tooLarge' ? { code: 'tooLarge', max: MAX_BYTES } : { code: 'notUpload' }), upload.code === 'tooLarge' ? 413 : 400)
	const form = upload.form
	if (form.get('intent') === 'commit') {
		const text = form.get('csv')
		const seen = form.get('fingerprint')
		if (typeof text !== 'string' || typeof seen !== 'string' || text.length > MAX_BYTES) return fail(fileErrorMessage(t, { code: 'notUpload' }), 400)
		const plan = await planInvitations(org, text)
		if (!plan.ok) return fail(fileErrorMessage(t, plan.error), 400)
		if (plan.fingerprint !== seen) return preview(plan, text, true)
		let sent = 0
		for (const row of plan.rows.filter((candidate) => candidate.status === 'invite')) {
			const created = await createInvitation(org, { email: row.email, name: row.name, role: 'learner', groupId: row.groupId }, userId)
			if (!created) continue
			await mailInvitation(origin, org, { email: row.email, name: row.name, role: 'learner', token: created.token })
			sent++
		}
		return data({ stage: 'done' as const, sent }, { headers: NO_STORE })
	}
	const file = form.get('file')
	if (!(file instanceof File) || (file.size === 0 && file.name === '')) return fail(fileErrorMessage(t, { code: 'noFile' }), 400)
	const decoded = decodeCsv(new Uint8Array(await file.arrayBuffer()))
	if (!decoded.ok) return fail(fileErrorMessage(t, decoded.error), 400)
	const plan = await planInvitations(org, decoded.text, decoded.encoding)
	if (!plan.ok) return fail(fileErrorMessage(t, plan.error), 400)
	return preview(plan, decoded.text, false)
}

function invitationReason(t: (key: string, options?: Record<string, unknown>) => string, reason: { code: string }): string {
	return ['emailMissing', 'alreadyMember'].includes(reason.code) ? t(`invitations.row.${reason.code}`) : rowReasonMessage(t, reason)
}

export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) => (actionHeaders.has('Cache-Control') ? actionHeaders : loaderHeaders)

export const handle = needsBundles('orgs', 'staff', 'pupils')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

const STATUS_CLASS = { invite: 'enrol-row--create', skip: 'enrol-row--skip', error: 'enrol-row--error' } as const

export default function InvitationsPage() {
	const { org, roles, groups, headers, maxRows, maxKb, invitations } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const { t } = useTranslation()
	const kind = { context: org.kind }
	const preview = result?.stage === 'preview' ? result : null
	const [form, fields] = useForm({
		lastResult: result?.stage === 'form' ? result.reply : undefined,
		constraint: getZodConstraint(inviteSchema),
		defaultValue: { role: 'learner' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
	})
	return (
		<article className="wide">
			<p className="breadcrumb">
				<a href={`/orgs/${org.slug}`}>{org.name}</a>
			</p>
			<h1>{t('invitations.title')}</h1>
			<p>{t('invitations.intro', kind)}</p>

			<h2 id="one-title">{t('invitations.oneTitle')}</h2>
			<Form method="post" aria-labelledby="one-title" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="invite" />
				<ErrorList id={form.errorId} errors={form.errors} />
				<Field label={t('invitations.name')} errors={fields.name.errors} inputProps={{ ...getInputProps(fields.name, { type: 'text' }), id: 'invite-name', autoComplete: 'off' }} />
				<Field label={t('invitations.email')} errors={fields.email.errors} inputProps={{ ...getInputProps(fields.email, { type: 'email' }), id: 'invite-email', autoComplete: 'off' }} />
				<div className="field">
					<label htmlFor="invite-role">{t('members.roleColumn')}</label>
					<ErrorList id={fields.role.errorId} errors={fields.role.errors} />
					<select {...getSelectProps(fields.role)} key={fields.role.key} id="invite-role">
						{roles.map((role) => (
							<option key={role} value={role}>
								{t(roleLabelKey(role), kind)}
							</option>
						))}
					</select>
				</div>
				{groups.length > 0 ? (
					<div className="field">
						<label htmlFor="invite-group">{t('invitations.group', kind)}</label>
						<select name="group" id="invite-group" defaultValue="">
							<option value="">{t('invitations.noGroup', kind)}</option>
							{groups.map((group) => (
								<option key={group.id} value={group.id}>
									{group.name}
								</option>
							))}
						</select>
					</div>
				) : null}
				<button type="submit" className="button">
					{t('invitations.send')}
				</button>
			</Form>

			<h2 id="csv-title">{t('invitations.csvTitle')}</h2>
			{result?.stage === 'done' ? (
				<p className="notice notice--success" role="status">
					{t('invitations.csvDone', { count: result.sent })}
				</p>
			) : null}
			{preview ? (
				<section aria-labelledby="preview-title">
					<h3 id="preview-title">{t('enrol.previewTitle')}</h3>
					{preview.changed ? (
						<p className="field-error" role="alert">
							{t('enrol.changed')}
						</p>
					) : null}
					<p role="status">{t('invitations.csvSummary', { invite: preview.counts.invite, skip: preview.counts.skip, error: preview.counts.error })}</p>
					{preview.counts.invite > 0 ? (
						<Form method="post" encType="multipart/form-data">
							<input type="hidden" name="intent" value="commit" />
							<input type="hidden" name="csv" value={preview.text} />
							<input type="hidden" name="fingerprint" value={preview.fingerprint} />
							<button type="submit" className="button">
								{t('invitations.csvCommit', { count: preview.counts.invite })}
							</button>
						</Form>
					) : (
						<p>{t('enrol.nothingToDo')}</p>
					)}
					<table className="results enrol-preview">
						<caption>{t('enrol.previewCaption')}</caption>
						<thead>
							<tr>
								<th scope="col">{t('enrol.line')}</th>
								<th scope="col">{t('invitations.name')}</th>
								<th scope="col">{t('invitations.email')}</th>
								<th scope="col">{t('invitations.group', kind)}</th>
								<th scope="col">{t('enrol.status')}</th>
							</tr>
						</thead>
						<tbody>
							{preview.rows.map((row) => (
								<tr key={row.line} className={STATUS_CLASS[row.status]}>
									<th scope="row">{row.line}</th>
									<td>{row.name}</td>
									<td>{row.email}</td>
									<td>{row.group ?? '—'}</td>
									<td>
										<strong>{t(`invitations.statusLabel.${row.status}`)}</strong>
										{row.reason ? `: ${row.reason}` : null}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</section>
			) : null}
			<UploadForm labelledBy="csv-title" label={t('enrol.file')} hint={t('enrol.limits', { rows: maxRows, kb: maxKb })} accept=".csv,text/csv" error={result?.stage === 'error' ? result.error : null} submit={t('enrol.check')} />
			<table className="results">
				<caption>{t('invitations.columnsCaption')}</caption>
				<thead>
					<tr>
						<th scope="col">{t('enrol.columnHeader')}</th>
						<th scope="col">{t('enrol.columnMeaning')}</th>
						<th scope="col">{t('enrol.columnNames')}</th>
					</tr>
				</thead>
				<tbody>
					{(['name', 'email', 'group'] as const).map((column) => (
						<tr key={column}>
							<th scope="row">{t(`invitations.column.${column}`, kind)}</th>
							<td>{t(`invitations.columnHelp.${column}`, kind)}</td>
							<td>{headers[column].join(', ')}</td>
						</tr>
					))}
				</tbody>
			</table>

			<h2>{t('invitations.listTitle')}</h2>
			{invitations.length === 0 ? (
				<p>{t('invitations.none')}</p>
			) : (
				<ResultsTable caption={t('invitations.listCaption')} columns={[t('invitations.name'), t('invitations.email'), t('members.roleColumn'), t('invitations.group', kind), t('invitations.status'), t('invitations.sentColumn'), t('members.actions')]}>
					{invitations.map((invitation) => (
						<tr key={invitation.id}>
							<th scope="row">{invitation.name}</th>
							<td>{invitation.email}</td>
							<td>{t(roleLabelKey(invitation.role), kind)}</td>
							<td>{invitation.group ?? '—'}</td>
							<td>{t(`invitations.state.${invitation.status}`)}</td>
							<td>{t('invitations.sentOn', { date: invitation.sentAt, count: invitation.sendCount })}</td>
							<td>
								{invitation.status === 'pending' || invitation.status === 'expired' ? (
									<>
										<RowAction intent="resend" name="invitation" value={invitation.id} label={t('invitations.resend', { name: invitation.name })} inline />{' '}
										<RowAction intent="withdraw" name="invitation" value={invitation.id} label={t('invitations.withdraw', { name: invitation.name })} inline />
									</>
								) : null}
							</td>
						</tr>
					))}
				</ResultsTable>
			)}
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
