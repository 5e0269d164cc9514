// Launches of SCORM and cmi5 packages (decision 022). The package page in the LMS starts a
// launch and alone holds its key; the learner who opens the launch's link in Qorgau is bound to
// it once; the key reads that learner's result, graded by Qorgau. Nothing the LMS page or
// anyone else sends can make a result: it is read from the learner's stored attempts.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { prisma } from '~/utils/db.server.ts'
import type { PackageClaims } from '~/packages/package-token.server.ts'

const LAUNCH_HOURS = 24
const hash = (key: string) => createHash('sha256').update(key).digest()

/** A new launch for a package of an organisation that still exists: its id and the page's key. */
export async function createLaunch(claims: PackageClaims, now = new Date()): Promise<{ id: string; key: string } | null> {
	const org = await prisma.organisation.findUnique({ where: { id: claims.org }, select: { id: true } })
	if (!org) return null
	const id = randomBytes(16).toString('base64url')
	const key = randomBytes(32).toString('base64url')
	await prisma.$transaction([
		// Expired launches read nothing any more: a week later they go.
		prisma.packageLaunch.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 7 * 24 * 3600 * 1000) } } }),
		prisma.packageLaunch.create({
			data: { id, orgId: org.id, courseSlug: claims.course, format: claims.format, keyHash: hash(key).toString('base64url'), expiresAt: new Date(now.getTime() + LAUNCH_HOURS * 3600 * 1000) },
		}),
	])
	return { id, key }
}

export async function findLaunch(id: string) {
	return prisma.packageLaunch.findUnique({ where: { id }, select: { id: true, courseSlug: true, learnerId: true, expiresAt: true, org: { select: { name: true } } } })
}

type Binding = 'bound' | 'taken' | 'expired' | 'missing'

/** Binds the launch to the learner, unless another learner took it first. */
export async function bindLaunch(id: string, learnerId: string, now = new Date()): Promise<Binding> {
	const { count } = await prisma.packageLaunch.updateMany({ where: { id, learnerId: null, expiresAt: { gt: now } }, data: { learnerId } })
	if (count === 1) return 'bound'
	const launch = await prisma.packageLaunch.findUnique({ where: { id }, select: { learnerId: true, expiresAt: true } })
	if (!launch) return 'missing'
	if (launch.expiresAt <= now) return 'expired'
	return launch.learnerId === learnerId ? 'bound' : 'taken'
}

/** The launch when the key is its key and it has not expired; otherwise null. */
export async function launchForKey(id: string, key: string, now = new Date()) {
	const launch = await prisma.packageLaunch.findUnique({ where: { id }, select: { courseSlug: true, learnerId: true, keyHash: true, expiresAt: true } })
	if (!launch || launch.expiresAt <= now) return null
	const expected = Buffer.from(launch.keyHash, 'base64url')
	const given = hash(key)
	return expected.length === given.length && timingSafeEqual(expected, given) ? launch : null
}
