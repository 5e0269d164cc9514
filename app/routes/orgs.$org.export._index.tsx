// /orgs/:org/export: each course as a SCORM 1.2 or cmi5 package for the organisation's LMS
// (decision 022), with how to import it.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { requireOrgRole } from '~/auth/guards.server.ts'
import { needsBundles } from '~/config/string-bundles.ts'
import { getCatalog } from '~/courses/catalog.server.ts'
import { courseTitle } from '~/courses/present.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { pageMeta } from '~/utils/meta.ts'
import { MANAGE_ROLES } from '~/orgs/roles.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org } = await requireOrgRole(request, params.org, MANAGE_ROLES)
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	return {
		title: t('packages.exportTitle'),
		org: { slug: org.slug, name: org.name },
		courses: getCatalog()
			.courses.filter((course) => course.quiz)
			.map((course) => ({ slug: course.slug, title: courseTitle(course, locale) })),
	}
}

export const handle = needsBundles('orgs', 'packages')

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args)

export default function OrgExport() {
	const { org, courses } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<article>
			<p className="breadcrumb">
				<a href={`/orgs/${org.slug}`}>{org.name}</a>
			</p>
			<h1>{t('packages.exportTitle')}</h1>
			<p>{t('packages.exportIntro')}</p>
			<p>{t('packages.exportPrivacy')}</p>
			<table>
				<caption className="visually-hidden">{t('packages.exportTitle')}</caption>
				<thead>
					<tr>
						<th scope="col">{t('orgs.course')}</th>
						<th scope="col">SCORM 1.2</th>
						<th scope="col">cmi5</th>
					</tr>
				</thead>
				<tbody>
					{courses.map((course) => (
						<tr key={course.slug}>
							<th scope="row">{course.title}</th>
							<td>
								<a href={`/orgs/${org.slug}/export/${course.slug}/scorm-1.2.zip`} download aria-label={t('packages.downloadScorm', { course: course.title })}>
									scorm-1.2.zip
								</a>
							</td>
							<td>
								<a href={`/orgs/${org.slug}/export/${course.slug}/cmi5.zip`} download aria-label={t('packages.downloadCmi5', { course: course.title })}>
									cmi5.zip
								</a>
							</td>
						</tr>
					))}
				</tbody>
			</table>
			<h2>{t('packages.howTitle')}</h2>
			<ul>
				<li>{t('packages.howMoodle')}</li>
				<li>{t('packages.howTalent')}</li>
				<li>{t('packages.howCmi5')}</li>
			</ul>
			<p>{t('packages.howResult')}</p>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
