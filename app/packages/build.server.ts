// A course as a SCORM 1.2 or cmi5 zip (decision 022): the manifest and the launch page, stored
// (not compressed: two small files). The page's words are in the organisation's language.
import { zipSync, strToU8 } from 'fflate'
import { cmi5CourseStructure, LAUNCH_FILE, scormManifest, type PackageCourse } from '~/packages/manifests.ts'
import { launchPageHtml, type LaunchPageStrings } from '~/packages/launch-page.ts'
import { createPackageToken, type PackageFormat } from '~/packages/package-token.server.ts'

export function buildPackage(input: { format: PackageFormat; orgId: string; origin: string; course: PackageCourse; strings: LaunchPageStrings }): Uint8Array {
	const packageToken = createPackageToken({ org: input.orgId, course: input.course.slug, format: input.format })
	const page = launchPageHtml({ origin: input.origin, packageToken, format: input.format, strings: input.strings })
	const manifest = input.format === 'scorm-1.2' ? { 'imsmanifest.xml': scormManifest(input.course) } : { 'cmi5.xml': cmi5CourseStructure(input.course) }
	const files = Object.fromEntries(Object.entries({ ...manifest, [LAUNCH_FILE]: page }).map(([name, text]) => [name, strToU8(text)]))
	return zipSync(files, { level: 0 })
}
