// Inside every SCORM and cmi5 package: which organisation's export of which course it is, signed
// so that a launch can only be started for a package Qorgau made (decision 022). It is no
// secret (anyone with the zip has it) and grants nothing but starting a launch.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { sessionSecret } from '~/utils/env.server.ts'

const PACKAGE_FORMATS = ['scorm-1.2', 'cmi5'] as const
export type PackageFormat = (typeof PACKAGE_FORMATS)[number]

export type PackageClaims = { org: string; course: string; format: PackageFormat }

const mac = (body: string) => createHmac('sha256', `course-package:${sessionSecret()}`).update(body).digest('base64url')

export function createPackageToken(claims: PackageClaims): string {
	const body = Buffer.from(JSON.stringify([claims.org, claims.course, claims.format])).toString('base64url')
	return `${body}.${mac(body)}`
}

export function readPackageToken(token: string): PackageClaims | null {
	if (token.length > 500) return null
	const [body, signature, ...rest] = token.trim().split('.')
	if (!body || !signature || rest.length) return null
	const expected = Buffer.from(mac(body))
	const given = Buffer.from(signature)
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
	try {
		const [org, course, format] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown[]
		if (typeof org !== 'string' || typeof course !== 'string' || !PACKAGE_FORMATS.includes(format as PackageFormat)) return null
		return { org, course, format: format as PackageFormat }
	} catch {
		return null
	}
}
