// /orgs/:org/export/:course/scorm-1.2.zip and …/cmi5.zip: the course as a package to import
// into the organisation's LMS (decision 022). Owners and staff download it; it holds the
// manifest and a launch page, never a question or an answer.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireOrgRole } from '~/auth/guards.server.ts'
import { LOCALES, type Locale } from '~/config/i18n.ts'
import { findCourse } from '~/courses/catalog.server.ts'
import { pickLocale } from '~/courses/present.server.ts'
import { buildPackage } from '~/packages/build.server.ts'
import type { PackageFormat } from '~/packages/package-token.server.ts'
import { corsRefusal } from '~/server/cors.server.ts'
import { i18nServer } from '~/utils/i18n.server.ts'
import { publicOrigin } from '~/utils/origin.server.ts'
import { MANAGE_ROLES } from '~/orgs/roles.ts'

const FILES: Record<string, PackageFormat> = { 'scorm-1.2.zip': 'scorm-1.2', 'cmi5.zip': 'cmi5' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org } = await requireOrgRole(request, params.org, MANAGE_ROLES)
	const format = params.package ? FILES[params.package] : undefined
	const course = findCourse(params.course)
	if (!format || !course?.quiz) throw await corsRefusal(request, 404, 'errors.notFound.body')
	const wanted = (LOCALES as readonly string[]).includes(org.locale) ? (org.locale as Locale) : 'kk'
	const locale = pickLocale(course.locales, wanted)
	const t = await i18nServer.getFixedT(locale)
	const origin = publicOrigin(request)
	const title = course.meta.title[locale]!
	const zip = buildPackage({
		format,
		orgId: org.id,
		origin,
		course: { id: `${origin}/courses/${course.slug}`, slug: course.slug, title, description: course.meta.description[locale]!, passMark: course.quiz.passMark, lang: locale },
		strings: {
			lang: locale,
			title,
			intro: t('packages.page.intro'),
			open: t('packages.page.open'),
			preparing: t('packages.page.preparing'),
			waiting: t('packages.page.waiting'),
			passed: t('packages.page.passed', { score: '{{score}}' }),
			failed: t('packages.page.failed'),
			unreachable: t('packages.page.unreachable'),
			noLms: t('packages.page.noLms'),
		},
	})
	return new Response(Buffer.from(zip), {
		headers: {
			'Content-Type': 'application/zip',
			'Content-Disposition': `attachment; filename="qorgau-${course.slug}-${params.package}"`,
			'Cache-Control': 'no-store',
		},
	})
}
