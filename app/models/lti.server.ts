// LTI platforms of an organisation and what launches record: deployments, used nonces, the Qorgau
// accounts of LMS users, the groups of LMS courses, the line items scores go to (decision 021).
import { createHash, randomBytes } from 'node:crypto'
import type { OrgRole } from '~/orgs/roles.ts'
import { isUniqueViolation } from '~/utils/db-errors.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { newId } from '~/models/factories.server.ts'
import { renameUser } from '~/models/user.server.ts'

type PlatformInput = { name: string; issuer: string; clientId: string; authUrl: string; tokenUrl: string; jwksUrl: string; deploymentIds: string[] }

const platformSelect = { id: true, orgId: true, name: true, issuer: true, clientId: true, authUrl: true, tokenUrl: true, jwksUrl: true } as const

/**
 * Stores a platform for the organisation. The same issuer and client id registered again by the
 * same organisation gains the new deployments; registered by another organisation it is refused
 * (null): a platform belongs to one organisation.
 */
export async function savePlatform(orgId: string, input: PlatformInput) {
	const { deploymentIds, ...fields } = input
	const existing = await prisma.ltiPlatform.findUnique({ where: { issuer_clientId: { issuer: input.issuer, clientId: input.clientId } }, select: { id: true, orgId: true } })
	if (existing && existing.orgId !== orgId) return null
	try {
		const platform = existing
			? await prisma.ltiPlatform.update({ where: { id: existing.id }, data: fields, select: platformSelect })
			: await prisma.ltiPlatform.create({ data: { ...fields, orgId }, select: platformSelect })
		for (const deploymentId of new Set(deploymentIds)) {
			await prisma.ltiDeployment.upsert({ where: { platformId_deploymentId: { platformId: platform.id, deploymentId } }, create: { platformId: platform.id, deploymentId }, update: { deploymentId } })
		}
		return platform
	} catch (error) {
		// Registered at the same moment by someone else.
		if (isUniqueViolation(error)) return null
		throw error
	}
}

export function orgPlatforms(orgId: string) {
	return prisma.ltiPlatform.findMany({
		where: { orgId },
		orderBy: { createdAt: 'asc' },
		select: { ...platformSelect, createdAt: true, deployments: { select: { deploymentId: true }, orderBy: { createdAt: 'asc' } } },
	})
}

export async function removePlatform(orgId: string, platformId: string): Promise<boolean> {
	return (await prisma.ltiPlatform.deleteMany({ where: { id: platformId, orgId } })).count === 1
}

/** The platform a login or launch names: by issuer, and by client id when it is given. */
export function findPlatform(issuer: string, clientId?: string | null) {
	return clientId
		? prisma.ltiPlatform.findUnique({ where: { issuer_clientId: { issuer, clientId } }, select: platformSelect })
		: prisma.ltiPlatform.findFirst({ where: { issuer }, orderBy: { createdAt: 'asc' }, select: platformSelect })
}

export function platformById(id: string) {
	return prisma.ltiPlatform.findUnique({ where: { id }, select: platformSelect })
}

export async function isKnownDeployment(platformId: string, deploymentId: string): Promise<boolean> {
	return (await prisma.ltiDeployment.count({ where: { platformId, deploymentId } })) === 1
}

/** Records a launch's nonce; false when it was used before (a replayed launch). */
export async function spendNonce(platformId: string, nonce: string, expiresAt: Date): Promise<boolean> {
	try {
		await prisma.ltiNonce.create({ data: { key: `${platformId} ${nonce}`, expiresAt } })
		return true
	} catch (error) {
		if (isUniqueViolation(error)) return false
		throw error
	}
}

export async function sweepNonces(now = new Date()): Promise<number> {
	return (await prisma.ltiNonce.deleteMany({ where: { expiresAt: { lt: now } } })).count
}

// Dynamic Registration links (README "LTI 1.3"): 24 random bytes, only the hash kept, one day, one use.
const REGISTRATION_DAYS = 1
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')

export async function createRegistrationToken(orgId: string, now = new Date()): Promise<string> {
	const token = randomBytes(24).toString('base64url')
	await prisma.ltiRegistrationToken.create({ data: { tokenHash: hashOf(token), orgId, expiresAt: new Date(now.getTime() + REGISTRATION_DAYS * 86_400_000) } })
	return token
}

/** The organisation an unexpired registration link is for, and whether it was used. */
export async function findRegistrationToken(token: string, now = new Date()) {
	if (token.length < 20 || token.length > 100) return null
	const found = await prisma.ltiRegistrationToken.findFirst({
		where: { tokenHash: hashOf(token), expiresAt: { gt: now } },
		select: { orgId: true, usedAt: true, org: { select: { name: true, slug: true } } },
	})
	return found && { orgId: found.orgId, org: found.org, used: found.usedAt !== null }
}

/** Claims the link for one registration: two at once cannot both use it. */
export async function claimRegistrationToken(token: string, now = new Date()): Promise<boolean> {
	return (await prisma.ltiRegistrationToken.updateMany({ where: { tokenHash: hashOf(token), usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } })).count === 1
}

export async function releaseRegistrationToken(token: string) {
	await prisma.ltiRegistrationToken.updateMany({ where: { tokenHash: hashOf(token) }, data: { usedAt: null } })
}

type LaunchedPerson = { platformId: string; orgId: string; sub: string; name: string | null; locale: string; role: Extract<OrgRole, 'admin' | 'learner'> }

/**
 * The Qorgau account of the LMS user, made on their first launch: named as the LMS names them, or
 * pseudonymously when it sends no name. Their organisation role follows the LMS role, except that
 * an owner stays an owner.
 */
export async function accountForLaunch(person: LaunchedPerson): Promise<string> {
	const known = await prisma.ltiUser.findUnique({ where: { platformId_sub: { platformId: person.platformId, sub: person.sub } }, select: { userId: true, user: { select: { displayName: true } } } })
	let userId = known?.userId
	if (!userId) {
		const pseudonym = `LMS-${createHash('sha256').update(`${person.platformId} ${person.sub}`).digest('hex').slice(0, 8)}`
		const id = newId()
		try {
			await prisma.$transaction([
				prisma.user.create({ data: { id, displayName: person.name ?? pseudonym, locale: person.locale, learner: { create: {} } } }),
				prisma.ltiUser.create({ data: { platformId: person.platformId, sub: person.sub, userId: id } }),
			])
			userId = id
		} catch (error) {
			// The same person's first launch in two tabs at once: the other made the account.
			if (!isUniqueViolation(error)) throw error
			userId = (await prisma.ltiUser.findUniqueOrThrow({ where: { platformId_sub: { platformId: person.platformId, sub: person.sub } }, select: { userId: true } })).userId
		}
	} else if (person.name && known?.user.displayName !== person.name) {
		await renameUser(userId, person.name)
	}
	const membership = await prisma.membership.findUnique({ where: { orgId_userId: { orgId: person.orgId, userId } }, select: { role: true } })
	if (!membership) await prisma.membership.create({ data: { orgId: person.orgId, userId, role: person.role } }).catch(ignoreDuplicate)
	else if (membership.role !== 'owner' && membership.role !== person.role) await prisma.membership.update({ where: { orgId_userId: { orgId: person.orgId, userId } }, data: { role: person.role } })
	return userId
}

function ignoreDuplicate(error: unknown) {
	if (!isUniqueViolation(error)) throw error
}

/** The group of the organisation an LMS course maps to (made on its first launch); learners join it. */
export async function joinContextGroup(input: { platformId: string; orgId: string; contextId: string; title: string | null; userId: string; joins: boolean }): Promise<string> {
	const key = { platformId_contextId: { platformId: input.platformId, contextId: input.contextId } }
	let groupId = (await prisma.ltiContext.findUnique({ where: key, select: { groupId: true } }))?.groupId
	if (!groupId) {
		const group = await prisma.group.create({ data: { orgId: input.orgId, name: input.title ?? `LMS ${input.contextId.slice(0, 40)}`, joinCode: randomBytes(5).toString('hex').toUpperCase() }, select: { id: true } })
		try {
			await prisma.ltiContext.create({ data: { platformId: input.platformId, contextId: input.contextId, groupId: group.id } })
			groupId = group.id
		} catch (error) {
			if (!isUniqueViolation(error)) throw error
			await prisma.group.delete({ where: { id: group.id } })
			groupId = (await prisma.ltiContext.findUniqueOrThrow({ where: key, select: { groupId: true } })).groupId
		}
	}
	// Non-empty updates that change nothing keep these upserts one INSERT … ON CONFLICT, so
	// launches at once do not fail on the unique key (decision 016).
	if (input.joins) await prisma.groupMember.upsert({ where: { groupId_userId: { groupId, userId: input.userId } }, create: { groupId, userId: input.userId }, update: { userId: input.userId } })
	return groupId
}

/** Assigns the launched course to the group, so the organisation's dashboard follows it. */
export async function assignToContextGroup(groupId: string, courseSlug: string) {
	await prisma.assignment.upsert({ where: { groupId_courseSlug: { groupId, courseSlug } }, create: { groupId, courseSlug }, update: { courseSlug } })
}

/** Remembers the line item the learner's score for the course goes to. */
export async function linkGrade(input: { platformId: string; sub: string; userId: string; courseSlug: string; lineItemUrl: string }) {
	await prisma.ltiGradeLink.upsert({
		where: { userId_courseSlug_lineItemUrl: { userId: input.userId, courseSlug: input.courseSlug, lineItemUrl: input.lineItemUrl } },
		create: input,
		update: { platformId: input.platformId, sub: input.sub },
	})
}
