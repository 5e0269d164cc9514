// A small world of people and organisations for the suites that talk to the real server (the
// authorisation matrix, the fuzzer): two organisations (the first of the kind asked for, a school
// or a workplace), one person per role (decision 020), each with a real session. Every name carries a random tag, so a name found in an answer can only have come
// from this world's records.
import { randomBytes } from 'node:crypto'
import { findCourse } from '~/courses/catalog.server.ts'
import { issueCertificate } from '~/models/certificate.server.ts'
import { learnerCookieHeader } from '~/auth/learner.server.ts'
import { createSession } from '~/auth/session.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { completeLessons, createGroup, createOrganisation, createPupil, createUser } from '~/models/factories.server.ts'

export const PERSONAS = ['anonymous', 'guest', 'learner', 'pupil', 'viewer', 'admin', 'otherAdmin', 'owner', 'platformAdmin'] as const
export type Persona = (typeof PERSONAS)[number]

export const COURSE = 'sample-course'
export const LESSONS = ['first-lesson', 'second-lesson', 'third-lesson']

async function sessionCookie(userId: string) {
	return (await createSession(userId)).split(';')[0]!
}

async function passedQuiz(learnerId: string, tag: string) {
	await completeLessons(prisma, learnerId, COURSE, LESSONS)
	return prisma.quizAttempt.create({
		data: { learnerId, courseSlug: COURSE, courseVersion: findCourse(COURSE)!.meta.version, locale: 'en', token: `world-${tag}-${learnerId}`, layout: '[]', submittedAt: new Date(), score: 4, maxScore: 4, passed: true },
		select: { id: true },
	})
}

export async function buildWorld(kind: 'school' | 'workplace' = 'school') {
	const tag = randomBytes(3).toString('hex')
	const user = (name: string) => createUser(prisma, { displayName: `${name} ${tag}` })

	const learner = await user('Aruzhan Learnerova')
	const attempt = await passedQuiz(learner.learner!.id, tag)
	const certificate = (await issueCertificate({ userId: learner.id, learnerId: learner.learner!.id, course: findCourse(COURSE)!, holderName: learner.displayName, locale: 'en' }))!
	const guest = await prisma.learner.create({ data: {}, select: { id: true } })
	await completeLessons(prisma, guest.id, COURSE, [LESSONS[0]!])

	const owner = await user('Saule Ownerova')
	const orgName = `${kind === 'school' ? 'Alpha School' : 'Alpha Works'} ${tag}`
	const org = await createOrganisation(prisma, { name: orgName, slug: `alpha-${tag}`, code: `ALPHA${tag.toUpperCase()}`, kind, ownerId: owner.id })
	const admin = await user('Dana Adminova')
	await prisma.membership.create({ data: { orgId: org.id, userId: admin.id, role: 'admin' } })
	const viewer = await user('Asel Viewerova')
	await prisma.membership.create({ data: { orgId: org.id, userId: viewer.id, role: 'viewer' } })
	const group = await createGroup(prisma, org.id, { name: `${kind === 'school' ? 'Class' : 'Team'} Alpha ${tag}`, joinCode: `JA${tag.toUpperCase()}` })
	const assignment = await prisma.assignment.create({ data: { groupId: group.id, courseSlug: COURSE, assignedById: admin.id }, select: { id: true } })
	const pupil = await createPupil(prisma, org.id, { displayName: `Timur Pupilov ${tag}`, username: `timur-${tag}` })
	await prisma.groupMember.create({ data: { groupId: group.id, userId: pupil.id } })

	const otherOwner = await user('Bolat Otherowner')
	const otherOrg = await createOrganisation(prisma, { name: `Beta Academy ${tag}`, slug: `beta-${tag}`, code: `BETA${tag.toUpperCase()}`, ownerId: otherOwner.id })
	const otherAdmin = await user('Gulnara Otheradmin')
	await prisma.membership.create({ data: { orgId: otherOrg.id, userId: otherAdmin.id, role: 'admin' } })
	const otherGroup = await createGroup(prisma, otherOrg.id, { name: `Class Beta ${tag}`, joinCode: `JB${tag.toUpperCase()}` })
	const otherAssignment = await prisma.assignment.create({ data: { groupId: otherGroup.id, courseSlug: COURSE, assignedById: otherAdmin.id }, select: { id: true } })
	const otherPupil = await createPupil(prisma, otherOrg.id, { displayName: `Madina Otherpupil ${tag}`, username: `madina-${tag}` })
	await prisma.groupMember.create({ data: { groupId: otherGroup.id, userId: otherPupil.id } })
	const otherAttempt = await passedQuiz(otherPupil.learner!.id, tag)

	const platformAdmin = await user('Erlan Platformov')
	await prisma.user.update({ where: { id: platformAdmin.id }, data: { isPlatformAdmin: true } })

	const cookies: Record<Persona, string | null> = {
		anonymous: null,
		guest: await learnerCookieHeader(guest.id),
		learner: await sessionCookie(learner.id),
		pupil: await sessionCookie(pupil.id),
		viewer: await sessionCookie(viewer.id),
		admin: await sessionCookie(admin.id),
		otherAdmin: await sessionCookie(otherAdmin.id),
		owner: await sessionCookie(owner.id),
		platformAdmin: await sessionCookie(platformAdmin.id),
	}

	return {
		tag,
		kind,
		cookies,
		course: COURSE,
		lessons: LESSONS,
		learner: { ...learner, attemptId: attempt.id, certificateCode: certificate.code },
		guest,
		owner,
		admin,
		viewer,
		pupil,
		platformAdmin,
		org: { ...org, name: orgName },
		group,
		assignment,
		otherOwner,
		otherAdmin,
		otherPupil: { ...otherPupil, attemptId: otherAttempt.id },
		otherOrg: { ...otherOrg, name: `Beta Academy ${tag}` },
		otherGroup,
		otherAssignment,
	}
}

export type World = Awaited<ReturnType<typeof buildWorld>>
