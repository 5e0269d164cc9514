// /orgs/:org/import/oneroster: a school information system's OneRoster 1.2 CSV zip, previewed
// class by class and imported on confirmation, the way a CSV enrolment is (decisions 014, 023).
import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireSchoolOrg } from '~/auth/guards.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { UploadForm } from '~/components/upload-form.tsx'
import { LoginCards } from '~/components/login-cards.tsx'
import { needsBundles } from '~/config/string-bundles.ts'
import { commitRosterImport, hasChanges, planRosterImport, type PlanResult } from '~/models/oneroster.server.ts'
import { cardSheet } from '~/orgs/login-cards.server.ts'
import { MAX_STUDENTS, MAX_ZIP_BYTES } from '~/orgs/oneroster.ts'
import { rosterErrorMessage } from '~/orgs/oneroster-messages.ts'
import { readUpload } from '~/utils/form-body.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { publicOrigin } from '~/utils/origin.server.ts'
import { limitWrite, writeRules } from '~/utils/rate-limit.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org } = await requireSchoolOrg(request, params.org)
	const t = await i18nServer.getFixedT(await getLocale(request))
	return { title: t('oneroster.title'), org: { slug: org.slug, name: org.name }, maxKb: MAX_ZIP_BYTES / 1000, maxStudents: MAX_STUDENTS }
}

const NO_STORE = { 'Cache-Control': 'no-store' }
// The confirmation carries the zip back as base64: a third larger than the file.
const MAX_BASE64 = Math.ceil(MAX_ZIP_BYTES / 3) * 4

const schema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('preview'), file: z.instanceof(File).optional() }),
	z.object({ intent: z.literal('commit'), zip: z.string().min(1).max(MAX_BASE64).regex(/^[A-Za-z0-9+/]+={0,2}$/), fingerprint: z.string().min(1).max(100) }),
])

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { org, user } = await requireSchoolOrg(request, params.org)
	await limitWrite(request, context, writeRules.enrolmentUpload, user.id)
	const t = await i18nServer.getFixedT(await getLocale(request))
	const fail = (message: string, status: number) => data({ stage: 'error' as const, error: message }, { status, headers: NO_STORE })
	const preview = (result: PlanResult, zip: string, changed: boolean) => {
		if (!result.ok) return fail(rosterErrorMessage(t, result.error), 400)
		const { plan } = result
		const accounts = new Map(plan.students.map((s) => [s.sourcedId, s]))
		return data(
			{
				stage: 'preview' as const,
				changed,
				zip,
				fingerprint: plan.fingerprint,
				counts: plan.counts,
				writes: hasChanges(plan),
				classes: plan.classes.map((c) => ({
					key: c.sourcedId,
					title: c.title,
					action: t(`oneroster.classAction.${c.action}`),
					members: c.members.map((m) => {
						const account = accounts.get(m.sourcedId)!
						return { key: m.sourcedId, name: m.name, username: account.username, status: t(`oneroster.studentAction.${account.action}`), membership: t(`oneroster.memberAction.${m.action}`) }
					}),
				})),
				others: plan.others.map((o) => ({ name: o.name, role: t(`oneroster.role.${['teacher', 'administrator', 'aide', 'unenrolled'].includes(o.role) ? o.role : 'other'}`) })),
			},
			{ status: changed ? 409 : 200, headers: NO_STORE },
		)
	}

	const upload = await readUpload(request, MAX_BASE64 + 1024)
	if (!upload.ok) return fail(rosterErrorMessage(t, upload.code === 'tooLarge' ? { code: 'tooLarge', max: MAX_ZIP_BYTES } : { code: 'notUpload' }), upload.code === 'tooLarge' ? 413 : 400)
	const submission = parseWithZod(upload.form, { schema })
	if (submission.status !== 'success') return fail(rosterErrorMessage(t, { code: 'notUpload' }), 400)
	const input = submission.value

	if (input.intent === 'commit') {
		const bytes = new Uint8Array(Buffer.from(input.zip, 'base64'))
		const outcome = await commitRosterImport(org, bytes, input.fingerprint)
		if (!outcome.ok) return preview(outcome.result, input.zip, true)
		return data({ stage: 'done' as const, cards: outcome.cards, counts: outcome.counts, sheet: await cardSheet(publicOrigin(request), org) }, { headers: NO_STORE })
	}
	const file = input.file
	if (!file || (file.size === 0 && file.name === '')) return fail(rosterErrorMessage(t, { code: 'noFile' }), 400)
	const bytes = new Uint8Array(await file.arrayBuffer())
	const result = await planRosterImport(org, bytes)
	return preview(result, result.ok ? Buffer.from(bytes).toString('base64') : '', false)
}

export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) => (actionHeaders.has('Cache-Control') ? actionHeaders : loaderHeaders)

export const handle = needsBundles('orgs', 'pupils', 'oneroster')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function OneRosterImport() {
	const { org, maxKb, maxStudents } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const { t } = useTranslation()
	const orgHref = `/orgs/${org.slug}`
	if (result?.stage === 'done') {
		return (
			<>
				<p className="notice notice--success wide" role="status">
					{t('oneroster.done', result.counts)}
				</p>
				{result.cards.length > 0 ? <LoginCards sheet={result.sheet} cards={result.cards} backHref={orgHref} backLabel={t('oneroster.back')} /> : <p className="wide"><a href={orgHref}>{t('oneroster.back')}</a></p>}
			</>
		)
	}
	return (
		<article className="wide">
			<p className="breadcrumb">
				<a href={orgHref}>{org.name}</a>
			</p>
			<h1>{t('oneroster.title')}</h1>
			<p>{t('oneroster.intro')}</p>
			{result?.stage === 'preview' ? (
				<section aria-labelledby="preview-title">
					<h2 id="preview-title">{t('oneroster.previewTitle')}</h2>
					{result.changed ? (
						<p className="field-error" role="alert">
							{t('oneroster.changed')}
						</p>
					) : null}
					<p role="status">{t('oneroster.summary', result.counts)}</p>
					{result.writes ? (
						<Form method="post" encType="multipart/form-data">
							<input type="hidden" name="intent" value="commit" />
							<input type="hidden" name="zip" value={result.zip} />
							<input type="hidden" name="fingerprint" value={result.fingerprint} />
							<button type="submit" className="button">
								{t('oneroster.commit')}
							</button>
						</Form>
					) : (
						<p>{t('oneroster.nothingToDo')}</p>
					)}
					{result.classes.map((c) => (
						<table key={c.key} className="results enrol-preview">
							<caption>
								{c.title}: {c.action}
							</caption>
							<thead>
								<tr>
									<th scope="col">{t('oneroster.name')}</th>
									<th scope="col">{t('oneroster.username')}</th>
									<th scope="col">{t('oneroster.account')}</th>
									<th scope="col">{t('oneroster.membership')}</th>
								</tr>
							</thead>
							<tbody>
								{c.members.length === 0 ? (
									<tr>
										<td colSpan={4}>{t('oneroster.noStudents')}</td>
									</tr>
								) : (
									c.members.map((m) => (
										<tr key={m.key}>
											<th scope="row">{m.name}</th>
											<td>{m.username ?? '—'}</td>
											<td>{m.status}</td>
											<td>{m.membership}</td>
										</tr>
									))
								)}
							</tbody>
						</table>
					))}
					{result.others.length > 0 ? (
						<>
							<h3>{t('oneroster.othersTitle')}</h3>
							<p>{t('oneroster.othersIntro')}</p>
							<ul>
								{result.others.map((o, i) => (
									<li key={i}>
										{o.name}: {o.role}
									</li>
								))}
							</ul>
						</>
					) : null}
				</section>
			) : null}
			<h2 id="upload-title">{result?.stage === 'preview' ? t('oneroster.uploadAgain') : t('oneroster.uploadTitle')}</h2>
			<UploadForm labelledBy="upload-title" label={t('oneroster.file')} hint={t('oneroster.limits', { kb: maxKb, students: maxStudents })} accept=".zip,application/zip" error={result?.stage === 'error' ? result.error : null} submit={t('oneroster.check')} />
			<h2>{t('oneroster.filesTitle')}</h2>
			<p>{t('oneroster.filesIntro')}</p>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
