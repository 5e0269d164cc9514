import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { needsBundles } from '~/config/string-bundles.ts'
import { LoginCards } from '~/components/login-cards.tsx'
import { createPupils, groupPupils, parseNames, resetPins } from '~/models/pupils.server.ts'
import { publicOrigin } from '~/utils/origin.server.ts'
import { cardSheet } from '~/orgs/login-cards.server.ts'
import { requireSchoolGroup } from '~/auth/guards.server.ts'
import { readSmallForm } from '~/utils/form-body.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { limitWrite, writeRules } from '~/utils/rate-limit.server.ts'
import { TableScroll } from '~/components/results-table.tsx'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org, group } = await requireSchoolGroup(request, params.org, params.group)
	const t = await i18nServer.getFixedT(await getLocale(request))
	const pupils = await groupPupils(org.id, group.id)
	return { title: t('pupils.title', { group: group.name }), org: { slug: org.slug, name: org.name, code: org.code }, group, pupils }
}

// The PINs are in this response only (decision 014): never kept by a cache or the back button.
const NO_STORE = { 'Cache-Control': 'no-store' }

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { org, group, user } = await requireSchoolGroup(request, params.org, params.group)
	await limitWrite(request, context, writeRules.pupilCreation, user.id)
	const t = await i18nServer.getFixedT(await getLocale(request))
	// 200 names of 60 Cyrillic letters, percent-encoded, are about 72 KB.
	const form = await readSmallForm(request, 256 * 1024)
	if (!form) return data({ errors: [t('pupils.tooLarge')], cards: null, notice: null, sheet: null }, { status: 413, headers: NO_STORE })
	const intent = form.get('intent')
	if (intent === 'reset') {
		const all = form.get('all') === 'yes'
		const ids = all ? (await groupPupils(org.id, group.id)).map((pupil) => pupil.id) : form.getAll('pupil')
		if (ids.length === 0) return data({ errors: [t('pupils.noneChosen')], cards: null, notice: null, sheet: null }, { status: 400, headers: NO_STORE })
		const cards = await resetPins(org.id, group.id, ids)
		if (!cards) throw data(null, { status: 404 })
		return data({ errors: null, cards, notice: null, sheet: await cardSheet(publicOrigin(request), org) }, { headers: NO_STORE })
	}
	const parsed = parseNames(form.get('names') ?? '')
	if (!parsed.ok) {
		const errors =
			parsed.error === 'lines'
				? parsed.problems.map((problem) => t('pupils.lineProblem', { line: problem.line, reason: t(`pupils.reason.${problem.code}`, problem) }))
				: [t(`pupils.${parsed.error === 'none' ? 'namesNone' : 'namesTooMany'}`, { max: parsed.max })]
		return data({ errors, cards: null, notice: null, sheet: null }, { status: 400, headers: NO_STORE })
	}
	const { cards, skipped } = await createPupils(org.id, group.id, parsed.names)
	const notice = skipped.length > 0 ? t('pupils.skipped', { names: skipped.join(', ') }) : null
	return data({ errors: null, cards, notice, sheet: await cardSheet(publicOrigin(request), org) }, { headers: NO_STORE })
}

export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) => (actionHeaders.has('Cache-Control') ? actionHeaders : loaderHeaders)

export const handle = needsBundles('pupils')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function PupilsPage() {
	const { org, group, pupils } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const { t } = useTranslation()
	const groupHref = `/orgs/${org.slug}/groups/${group.id}`
	if (result?.cards && result.sheet && (result.cards.length > 0 || !result.notice)) {
		return <LoginCards sheet={result.sheet} cards={result.cards} notice={result.notice} backHref={`${groupHref}/pupils`} />
	}
	return (
		<article className="wide">
			<p className="breadcrumb">
				<a href={`/orgs/${org.slug}`}>{org.name}</a> › <a href={groupHref}>{group.name}</a>
			</p>
			<h1>{t('pupils.title', { group: group.name })}</h1>
			{result?.notice ? (
				<p className="notice" role="status">
					{result.notice}
				</p>
			) : null}
			<p>{t('pupils.intro', { code: org.code })}</p>
			<h2 id="create-title">{t('pupils.createTitle')}</h2>
			<Form method="post" aria-labelledby="create-title">
				<input type="hidden" name="intent" value="create" />
				{result?.errors ? (
					<ul className="field-error" id="names-errors">
						{result.errors.map((error) => (
							<li key={error}>{error}</li>
						))}
					</ul>
				) : null}
				<div className="field">
					<label htmlFor="names">{t('pupils.namesLabel')}</label>
					<p className="field__hint" id="names-hint">
						{t('pupils.namesHint')}
					</p>
					<textarea
						id="names"
						name="names"
						rows={10}
						cols={40}
						required
						aria-describedby={result?.errors ? 'names-hint names-errors' : 'names-hint'}
						aria-invalid={result?.errors ? true : undefined}
					/>
				</div>
				<button type="submit" className="button">
					{t('pupils.create')}
				</button>
			</Form>
			<p>
				<a href={`${groupHref}/enrol`}>{t('pupils.enrolLink')}</a>
			</p>
			<h2 id="list-title">{t('pupils.listTitle')}</h2>
			{pupils.length === 0 ? (
				<p>{t('pupils.none')}</p>
			) : (
				<Form method="post" aria-labelledby="list-title">
					<input type="hidden" name="intent" value="reset" />
					<p>{t('pupils.resetNote')}</p>
					<TableScroll label={t('pupils.listCaption', { group: group.name })}>
						<table className="results">
							<caption>{t('pupils.listCaption', { group: group.name })}</caption>
							<thead>
								<tr>
									<th scope="col">{t('pupils.name')}</th>
									<th scope="col">{t('pupils.username')}</th>
									<th scope="col">{t('pupils.pin')}</th>
								</tr>
							</thead>
							<tbody>
								{pupils.map((pupil) => (
									<tr key={pupil.id}>
										<th scope="row">{pupil.displayName}</th>
										<td>
											<code>{pupil.pupilUsername}</code>
										</td>
										<td>
											<button type="submit" name="pupil" value={pupil.id} className="button button--secondary">
												{t('pupils.resetPin')}
												<span className="visually-hidden"> — {pupil.displayName}</span>
											</button>
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</TableScroll>
					<button type="submit" name="all" value="yes" className="button">
						{t('pupils.resetAll')}
					</button>
				</Form>
			)}
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
