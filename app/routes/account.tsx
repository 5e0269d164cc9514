import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, Field } from '~/components/forms.tsx'
import { LOCALE_NAMES, LOCALES } from '~/config/i18n.ts'
import { courseTitleFor } from '~/certificates/present.server.ts'
import { certificateState } from '~/certificates/state.ts'
import { listCertificates } from '~/models/certificate.server.ts'
import { unclaimedPasses } from '~/models/assessment.server.ts'
import { getCatalog } from '~/courses/catalog.server.ts'
import { whatOrganisationsSee } from '~/models/org-reports.server.ts'
import { destroyAllSessions, destroySession } from '~/auth/session.server.ts'
import { deleteAccount, renameUser, setPassword } from '~/models/user.server.ts'
import { deleteSchema, passwordSchema, profileSchema } from '~/auth/account-schemas.ts'
import { requireUser } from '~/auth/guards.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { verifyPassword } from '~/utils/password.server.ts'
import { getLocale, i18nServer, localeCookie } from '~/utils/i18n.server.ts'
import { redirectWithFlash } from '~/utils/flash.server.ts'
import { refusal } from '~/utils/forms.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { signIn } from '~/auth/sign-in.server.ts'
import { needsBundles } from '~/config/string-bundles.ts'
import { isoDay } from '~/utils/dates.ts'
import { Notices } from '~/components/notices.tsx'
import { openNotices } from '~/models/reminders.server.ts'
import { isDiscreet } from '~/utils/discreet.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const certificates = (await listCertificates(user.id)).map((certificate) => ({
		code: certificate.code,
		course: courseTitleFor(certificate.courseSlug, locale),
		issuedAt: isoDay(certificate.issuedAt),
		state: certificateState(certificate),
	}))
	const catalog = getCatalog()
	// Passed but not yet named: listed first, one form away (decision 008).
	const waiting = (await unclaimedPasses(user.id, catalog.bySlug)).map((slug) => ({ slug, course: courseTitleFor(slug, locale) }))
	return {
		title: t('account.title'),
		certificates,
		waiting,
		organisations: await whatOrganisationsSee(user.id),
		// Reminders from organisations; in discreet mode (the account's or this browser's) they name no course.
		notices: await openNotices(user.id, locale, user.discreetMode || (await isDiscreet(request))),
		user: { displayName: user.displayName, login: user.email ?? user.username, locale: user.locale, discreetMode: user.discreetMode, isPupil: user.pupilOrgId !== null },
	}
}

type Intent = 'profile' | 'password' | 'delete'
type Result = { intent: Intent; result: SubmissionResult<string[]> }

async function currentPasswordMatches(userId: string, password: string) {
	const stored = await prisma.password.findUnique({ where: { userId }, select: { hash: true } })
	return verifyPassword(password, stored?.hash)
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const formData = await request.formData().catch(() => new FormData())
	const intent = formData.get('intent')
	const reply = (which: Intent, result: SubmissionResult<string[]>) => data<Result>({ intent: which, result }, { status: 400 })

	if (intent === 'profile') {
		const submission = parseWithZod(formData, { schema: profileSchema })
		if (submission.status !== 'success') return reply('profile', submission.reply())
		const { displayName, locale, discreetMode } = submission.value
		await renameUser(user.id, displayName, { locale, discreetMode: discreetMode === 'on' })
		return redirectWithFlash('/account', 'account.saved', { headers: { 'Set-Cookie': await localeCookie.serialize(locale) } })
	}
	if (intent === 'password') {
		const submission = parseWithZod(formData, { schema: passwordSchema })
		if (submission.status !== 'success') return reply('password', submission.reply({ hideFields: ['currentPassword', 'newPassword'] }))
		if (!(await currentPasswordMatches(user.id, submission.value.currentPassword))) {
			return reply('password', submission.reply({ fieldErrors: { currentPassword: ['account.wrongPassword'] }, hideFields: ['currentPassword', 'newPassword'] }))
		}
		await setPassword(user.id, submission.value.newPassword)
		// Other devices signed in with the old password are signed out; this one gets a new session.
		await destroyAllSessions(user.id)
		return redirectWithFlash('/account', 'account.saved', { headers: (await signIn(request, user.id, '/account')).headers })
	}
	if (intent === 'signout-everywhere') {
		await destroyAllSessions(user.id)
		return redirect('/', { headers: { 'Set-Cookie': await destroySession(request) } })
	}
	if (intent === 'delete') {
		const submission = parseWithZod(formData, { schema: deleteSchema })
		if (submission.status !== 'success') return reply('delete', submission.reply({ hideFields: ['currentPassword'] }))
		if (!(await currentPasswordMatches(user.id, submission.value.currentPassword))) {
			return reply('delete', submission.reply({ fieldErrors: { currentPassword: ['account.wrongPassword'] }, hideFields: ['currentPassword'] }))
		}
		const cookie = await destroySession(request)
		await deleteAccount(user.id)
		return redirectWithFlash('/', 'flash.accountDeleted', { headers: { 'Set-Cookie': cookie } })
	}
	throw await refusal(request, 'errors.badForm')
}

export const handle = needsBundles('account', 'assessment', 'reminders')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function Account() {
	const { user, certificates, waiting, organisations, notices } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const resultFor = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined)
	const [profileForm, profile] = useForm({
		id: 'profile',
		lastResult: resultFor('profile'),
		constraint: getZodConstraint(profileSchema),
		defaultValue: { displayName: user.displayName, locale: user.locale, discreetMode: user.discreetMode ? 'on' : undefined },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
	})
	const [passwordForm, password] = useForm({
		id: 'password',
		lastResult: resultFor('password'),
		constraint: getZodConstraint(passwordSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordSchema }),
	})
	const [deleteForm, remove] = useForm({
		id: 'delete',
		lastResult: resultFor('delete'),
		constraint: getZodConstraint(deleteSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: deleteSchema }),
	})
	return (
		<article className="narrow account">
			<h1>{t('account.title')}</h1>
			{user.login ? <p>{t('account.signedInAs', { login: user.login })}</p> : null}
			<p>
				<a href="/orgs">{t('orgs.title')}</a> · <a href="/join">{t('join.title')}</a>
			</p>
			<Notices notices={notices} />

			<section aria-labelledby="certificates-title">
				<h2 id="certificates-title">{t('account.certificatesTitle')}</h2>
				{waiting.length > 0 ? (
					<ul className="waiting-certificates">
						{waiting.map((entry) => (
							<li key={entry.slug}>
								{t('assessment.account.passed', { course: entry.course })}{' '}
								<a className="button" href={`/courses/${entry.slug}/certificate`}>
									{t('assessment.account.getIt')}
								</a>
							</li>
						))}
					</ul>
				) : null}
				{certificates.length === 0 && waiting.length === 0 ? (
					<p>{t('account.noCertificates')}</p>
				) : (
					<ul>
						{certificates.map((certificate) => (
							<li key={certificate.code}>
								<a href={`/certificates/${certificate.code}`}>{certificate.course}</a> — {certificate.issuedAt} ({t(`verify.state.${certificate.state}`)})
							</li>
						))}
					</ul>
				)}
			</section>

			{organisations.length > 0 ? (
				<section aria-labelledby="orgs-see-title">
					<h2 id="orgs-see-title">{t('accountOrgs.title')}</h2>
					<ul>
						{organisations.map((org) => (
							<li key={org.name}>
								<strong>{org.name}</strong>:{' '}
								{org.role !== 'learner'
									? t('accountOrgs.staff')
									: org.aggregateOnly
										? t('accountOrgs.aggregate', { count: org.minReportGroupSize, context: org.kind })
										: t('accountOrgs.individual', { context: org.kind })}
							</li>
						))}
					</ul>
				</section>
			) : null}

			<section aria-labelledby="profile-title">
				<h2 id="profile-title">{t('account.profileTitle')}</h2>
				<Form method="post" {...getFormProps(profileForm)}>
					<input type="hidden" name="intent" value="profile" />
					<ErrorList id={profileForm.errorId} errors={profileForm.errors} />
					<Field label={t('signup.displayName')} hint={t('signup.displayNameHint')} errors={profile.displayName.errors} inputProps={getInputProps(profile.displayName, { type: 'text' })} />
					<div className="field">
						<label htmlFor={profile.locale.id}>{t('account.language')}</label>
						<select {...getSelectProps(profile.locale)}>
							{LOCALES.map((locale) => (
								<option key={locale} value={locale} lang={locale}>
									{LOCALE_NAMES[locale]}
								</option>
							))}
						</select>
					</div>
					<label className="choice">
						<input {...getInputProps(profile.discreetMode, { type: 'checkbox', value: 'on' })} />
						<span>{t('account.discreet')}</span>
					</label>
					<button type="submit" className="button">
						{t('account.save')}
					</button>
				</Form>
			</section>

			<section aria-labelledby="password-title">
				<h2 id="password-title">{user.isPupil ? t('account.pinTitle') : t('account.passwordTitle')}</h2>
				<Form method="post" {...getFormProps(passwordForm)}>
					<input type="hidden" name="intent" value="password" />
					<ErrorList id={passwordForm.errorId} errors={passwordForm.errors} />
					<Field label={t('account.currentPassword')} errors={password.currentPassword.errors} inputProps={{ ...getInputProps(password.currentPassword, { type: 'password' }), autoComplete: 'current-password' }} />
					<Field label={t('account.newPassword')} hint={t('signup.passwordHint')} errors={password.newPassword.errors} inputProps={{ ...getInputProps(password.newPassword, { type: 'password' }), autoComplete: 'new-password' }} />
					<button type="submit" className="button button--secondary">
						{t('account.changePassword')}
					</button>
				</Form>
			</section>

			<section aria-labelledby="sessions-title">
				<h2 id="sessions-title">{t('account.sessionsTitle')}</h2>
				<Form method="post" action="/logout">
					<button type="submit" className="button button--secondary">
						{t('account.signOut')}
					</button>
				</Form>
				<Form method="post">
					<input type="hidden" name="intent" value="signout-everywhere" />
					<button type="submit" className="button button--secondary">
						{t('account.signOutEverywhere')}
					</button>
				</Form>
			</section>

			<section aria-labelledby="data-title">
				<h2 id="data-title">{t('account.dataTitle')}</h2>
				<p>
					<a href="/account/export" download>
						{t('account.export')}
					</a>
				</p>
				<h3>{t('account.deleteTitle')}</h3>
				<p>{t('account.deleteText')}</p>
				<Form method="post" {...getFormProps(deleteForm)}>
					<input type="hidden" name="intent" value="delete" />
					<ErrorList id={deleteForm.errorId} errors={deleteForm.errors} />
					<Field label={t('account.currentPassword')} errors={remove.currentPassword.errors} inputProps={{ ...getInputProps(remove.currentPassword, { type: 'password' }), autoComplete: 'current-password' }} />
					<button type="submit" className="button button--secondary">
						{t('account.delete')}
					</button>
				</Form>
			</section>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
