import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { UploadForm } from '~/components/upload-form.tsx'
import { needsBundles } from '~/config/string-bundles.ts'
import { LoginCards } from '~/components/login-cards.tsx'
import { commitEnrolment, planEnrolment, type Plan } from '~/models/enrolment.server.ts'
import { publicOrigin } from '~/utils/origin.server.ts'
import { cardSheet } from '~/orgs/login-cards.server.ts'
import { requireSchoolGroup } from '~/auth/guards.server.ts'
import { ACCEPTED_HEADERS, decodeCsv, MAX_BYTES, MAX_ROWS } from '~/orgs/csv.ts'
import { fileErrorMessage, rowReasonMessage } from '~/orgs/messages.ts'
import { readUpload } from '~/utils/form-body.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { limitWrite, writeRules } from '~/utils/rate-limit.server.ts'
import { TableScroll } from '~/components/results-table.tsx'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org, group } = await requireSchoolGroup(request, params.org, params.group)
	const t = await i18nServer.getFixedT(await getLocale(request))
	return { title: t('enrol.title', { group: group.name }), org: { slug: org.slug, name: org.name }, group, headers: ACCEPTED_HEADERS, maxRows: MAX_ROWS, maxKb: MAX_BYTES / 1000 }
}

const NO_STORE = { 'Cache-Control': 'no-store' }

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { org, group, user } = await requireSchoolGroup(request, params.org, params.group)
	await limitWrite(request, context, writeRules.enrolmentUpload, user.id)
	const t = await i18nServer.getFixedT(await getLocale(request))
	const fail = (message: string, status: number) => data({ stage: 'error' as const, error: message }, { status, headers: NO_STORE })
	const preview = (plan: Extract<Plan, { ok: true }>, text: string, changed: boolean) =>
		data(
			{
				stage: 'preview' as const,
				changed,
				text,
				fingerprint: plan.fingerprint,
				encoding: plan.encoding,
				counts: plan.counts,
				rows: plan.rows.map((row) => ({
					line: row.line,
					name: row.name,
					login: row.username ?? row.login,
					status: row.status,
					group: row.groupName,
					reason: row.reason ? rowReasonMessage(t, row.reason) : null,
				})),
			},
			{ status: changed ? 409 : 200, headers: NO_STORE },
		)

	// The decoded text sent back for confirmation can be up to twice the file (Cyrillic in UTF-8).
	const upload = await readUpload(request, 2 * MAX_BYTES + 1024)
	if (!upload.ok) return fail(fileErrorMessage(t, upload.code === 'tooLarge' ? { code: 'tooLarge', max: MAX_BYTES } : { code: 'notUpload' }), upload.code === 'tooLarge' ? 413 : 400)
	const form = upload.form

	if (form.get('intent') === 'commit') {
		const text = form.get('csv')
		const seen = form.get('fingerprint')
		if (typeof text !== 'string' || typeof seen !== 'string' || text.length > MAX_BYTES) return fail(fileErrorMessage(t, { code: 'notUpload' }), 400)
		const outcome = await commitEnrolment(org, group, text, seen)
		if (outcome.ok) return data({ stage: 'done' as const, cards: outcome.cards, created: outcome.created, added: outcome.added, sheet: await cardSheet(publicOrigin(request), org) }, { headers: NO_STORE })
		if (!outcome.plan.ok) return fail(fileErrorMessage(t, outcome.plan.error), 400)
		return preview(outcome.plan, text, true)
	}

	const file = form.get('file')
	if (!(file instanceof File) || (file.size === 0 && file.name === '')) return fail(fileErrorMessage(t, { code: 'noFile' }), 400)
	const decoded = decodeCsv(new Uint8Array(await file.arrayBuffer()))
	if (!decoded.ok) return fail(fileErrorMessage(t, decoded.error), 400)
	const plan = await planEnrolment(org, group, decoded.text, decoded.encoding)
	if (!plan.ok) return fail(fileErrorMessage(t, plan.error), 400)
	return preview(plan, decoded.text, false)
}

export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) => (actionHeaders.has('Cache-Control') ? actionHeaders : loaderHeaders)

export const handle = needsBundles('pupils')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

const ENCODING_NAMES = { 'utf-8': 'UTF-8', 'windows-1251': 'Windows-1251', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16' } as const
const STATUS_CLASS = { create: 'enrol-row--create', add: 'enrol-row--add', skip: 'enrol-row--skip', error: 'enrol-row--error' } as const

export default function EnrolPage() {
	const { org, group, headers, maxRows, maxKb } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const { t } = useTranslation()
	const groupHref = `/orgs/${org.slug}/groups/${group.id}`
	if (result?.stage === 'done') {
		return (
			<>
				<p className="notice notice--success wide" role="status">
					{t('enrol.done', { created: result.created, added: result.added })}
				</p>
				{result.cards.length > 0 ? <LoginCards sheet={result.sheet} cards={result.cards} backHref={groupHref} /> : <p className="wide"><a href={groupHref}>{t('pupils.back')}</a></p>}
			</>
		)
	}
	return (
		<article className="wide">
			<p className="breadcrumb">
				<a href={`/orgs/${org.slug}`}>{org.name}</a> › <a href={groupHref}>{group.name}</a>
			</p>
			<h1>{t('enrol.title', { group: group.name })}</h1>
			{result?.stage === 'preview' ? (
				<section aria-labelledby="preview-title">
					<h2 id="preview-title">{t('enrol.previewTitle')}</h2>
					{result.changed ? (
						<p className="field-error" role="alert">
							{t('enrol.changed')}
						</p>
					) : null}
					<p role="status">{t('enrol.summary', result.counts)}</p>
					<p>{t('enrol.encoding', { encoding: ENCODING_NAMES[result.encoding] })}</p>
					{result.counts.create + result.counts.add > 0 ? (
						<Form method="post" encType="multipart/form-data">
							<input type="hidden" name="intent" value="commit" />
							<input type="hidden" name="csv" value={result.text} />
							<input type="hidden" name="fingerprint" value={result.fingerprint} />
							{result.counts.error > 0 ? <p>{t('enrol.errorsSkipped')}</p> : null}
							<button type="submit" className="button">
								{t('enrol.commit', result.counts)}
							</button>
						</Form>
					) : (
						<p>{t('enrol.nothingToDo')}</p>
					)}
					<TableScroll label={t('enrol.previewCaption')}>
						<table className="results enrol-preview">
							<caption>{t('enrol.previewCaption')}</caption>
							<thead>
								<tr>
									<th scope="col">{t('enrol.line')}</th>
									<th scope="col">{t('enrol.name')}</th>
									<th scope="col">{t('enrol.login')}</th>
									<th scope="col">{t('enrol.group')}</th>
									<th scope="col">{t('enrol.status')}</th>
								</tr>
							</thead>
							<tbody>
								{result.rows.map((row) => (
									<tr key={row.line} className={STATUS_CLASS[row.status]}>
										<th scope="row">{row.line}</th>
										<td>{row.name}</td>
										<td>{row.login}</td>
										<td>{row.group}</td>
										<td>
											<strong>{t(`enrol.statusLabel.${row.status}`)}</strong>
											{row.reason ? `: ${row.reason}` : null}
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</TableScroll>
				</section>
			) : null}
			<h2 id="upload-title">{result?.stage === 'preview' ? t('enrol.uploadAgain') : t('enrol.uploadTitle')}</h2>
			<UploadForm labelledBy="upload-title" label={t('enrol.file')} hint={t('enrol.limits', { rows: maxRows, kb: maxKb })} accept=".csv,text/csv" error={result?.stage === 'error' ? result.error : null} submit={t('enrol.check')} />
			<h2>{t('enrol.columnsTitle')}</h2>
			<p>{t('enrol.columnsIntro')}</p>
			<TableScroll label={t('enrol.columnsCaption')}>
				<table className="results">
					<caption>{t('enrol.columnsCaption')}</caption>
					<thead>
						<tr>
							<th scope="col">{t('enrol.columnHeader')}</th>
							<th scope="col">{t('enrol.columnMeaning')}</th>
							<th scope="col">{t('enrol.columnNames')}</th>
						</tr>
					</thead>
					<tbody>
						{(['name', 'login', 'group'] as const).map((column) => (
							<tr key={column}>
								<th scope="row">{t(`enrol.column.${column}`)}</th>
								<td>{t(`enrol.columnHelp.${column}`)}</td>
								<td>{headers[column].join(', ')}</td>
							</tr>
						))}
					</tbody>
				</table>
			</TableScroll>
			<p>{t('enrol.example')}</p>
			<pre className="enrol-example">{'name;username or email;group\nӘлия Серік;;\nДиас Нұрланов;dias.n;7 A\nАнна Петрова;anna@example.org;'}</pre>
			<p>
				<a href={`${groupHref}/pupils`}>{t('enrol.pupilsLink')}</a>
			</p>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
