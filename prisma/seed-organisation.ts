// A large, realistic organisation for the benchmark and for trying the dashboards at scale: one
// school, an administrator (a teacher), one group of N pupil accounts working through the real courses at different
// paces — some not started, some part-way, some finished with quiz attempts, some certified.
// Deterministic for a given seed, so two benchmark runs measure the same data. Rows go in with
// createMany inside one transaction: a 2,000-learner organisation takes seconds.
import { randomBytes } from 'node:crypto'
import { courseFolders, readCourse, type Course } from '~/courses/read.server.ts'
import { generateCode } from '~/certificates/code.server.ts'
import { drawLayout } from '~/quiz/draw.ts'
import { grade, type Answers } from '~/quiz/grading.ts'
import type { PrismaClient } from '~/generated/prisma/client.ts'
import { rebuildSummaries } from '~/models/learner-summary.server.ts'
import {
	addGroupMembers,
	createGroup,
	createOrganisation,
	createPupils,
	createUser,
	issueCertificates,
	recordAttempts,
	recordProgress,
	type NewAttemptRow,
	type NewCertificateRow,
} from '~/models/factories.server.ts'

export type OrganisationSeedOptions = {
	learners: number
	coursesDir: string
	/** How many of the courses (in catalog order) are assigned to the group. */
	assign?: number
	/** Same seed, same data. */
	seed?: number
	/** Hash stored as every pupil's PIN (none: pupils cannot sign in with a PIN). */
	pinHash?: string
	/** Hash of the administrator's password (none: they sign in only through a made session). */
	adminPasswordHash?: string
	adminEmail?: string
	now?: Date
}

export type SeededOrganisation = {
	org: { id: string; slug: string; code: string }
	group: { id: string; name: string }
	admin: { userId: string; email: string }
	courses: string[]
	assigned: string[]
	learners: { userId: string; learnerId: string; displayName: string }[]
	counts: { progress: number; attempts: number; certificates: number }
}

const DAY_MS = 24 * 60 * 60 * 1000
const FIRST_NAMES = ['Aruzhan', 'Dias', 'Nikita', 'Madina', 'Timur', 'Aigerim', 'Yerlan', 'Dana', 'Olga', 'Sanzhar', 'Kamila', 'Arman', 'Zarina', 'Ivan', 'Aliya', 'Daniyar']
const LAST_INITIALS = 'ABDEGKMNOSTZ'

/** mulberry32: a small, fast, seedable generator (Math.random cannot be seeded). */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0
	return () => {
		state = (state + 0x6d2b79f5) >>> 0
		let t = state
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
	}
}

function addMonths(date: Date, months: number): Date {
	const result = new Date(date)
	result.setUTCMonth(result.getUTCMonth() + months)
	return result
}

/** Answers a learner gives: each question right with the given probability, otherwise a wrong pick. */
function answer(course: Course, layout: ReturnType<typeof drawLayout>, skill: number, random: () => number): Answers {
	const answers: Answers = {}
	for (const entry of layout) {
		const question = course.quiz!.questions.find((candidate) => candidate.id === entry.questionId)!
		const wrong = entry.options.filter((option) => !question.correct.includes(option))
		answers[entry.questionId] = random() < skill || wrong.length === 0 ? [...question.correct] : [wrong[Math.floor(random() * wrong.length)]!]
	}
	return answers
}

export function readCourses(coursesDir: string): Course[] {
	return courseFolders(coursesDir).flatMap((folder) => {
		const { course, problems } = readCourse(folder)
		return course && problems.length === 0 ? [course] : []
	})
}

export async function seedOrganisation(prisma: PrismaClient, options: OrganisationSeedOptions): Promise<SeededOrganisation> {
	const random = seededRandom(options.seed ?? 1)
	const now = options.now ?? new Date()
	const courses = readCourses(options.coursesDir)
	if (courses.length === 0) throw new Error(`No valid course in ${options.coursesDir}`)
	const assigned = courses.slice(0, Math.max(0, Math.min(options.assign ?? 2, courses.length)))

	// Not from the seeded draw: a second organisation in the same database needs its own address.
	const adminEmail = options.adminEmail ?? `admin-${randomBytes(4).toString('hex')}@bench.example.org`
	const admin = await createUser(prisma, { displayName: 'Gulnara Serikovna', email: adminEmail, locale: 'ru' })
	if (options.adminPasswordHash) await prisma.password.create({ data: { userId: admin.id, hash: options.adminPasswordHash } })
	const org = await createOrganisation(prisma, { name: `School No. ${options.learners}`, ownerId: admin.id })
	await prisma.membership.update({ where: { orgId_userId: { orgId: org.id, userId: admin.id } }, data: { role: 'admin' } })
	const group = await createGroup(prisma, org.id, { name: `Year 9 (${options.learners})` })

	// Progress, attempts and certificates are drawn first, then written in one transaction.
	const pupils = Array.from({ length: options.learners }, (_, index) => ({
		displayName: `${FIRST_NAMES[index % FIRST_NAMES.length]} ${LAST_INITIALS[Math.floor(index / FIRST_NAMES.length) % LAST_INITIALS.length]}. ${index + 1}`,
		username: `pupil-${index + 1}`,
		locale: random() < 0.6 ? 'kk' : 'ru',
		lastActiveAt: new Date(now.getTime() - Math.floor(random() * 30 * DAY_MS)),
	}))

	return prisma.$transaction(
		async (tx) => {
			const db = tx as unknown as PrismaClient
			const learners = await createPupils(db, org.id, pupils, options.pinHash)
			await addGroupMembers(db, group.id, learners.map((learner) => learner.userId))
			await db.assignment.createMany({
				data: assigned.map((course, index) => ({
					groupId: group.id,
					courseSlug: course.slug,
					// The first assignment is overdue, the others due in the coming weeks.
					dueAt: new Date(now.getTime() + (index === 0 ? -7 : 14 * index) * DAY_MS),
					assignedById: admin.id,
				})),
			})

			const progress: Parameters<typeof recordProgress>[1] = []
			const attempts: NewAttemptRow[] = []
			const certificates: NewCertificateRow[] = []
			learners.forEach((learner, index) => {
				const locale = pupils[index]!.locale
				for (const course of courses) {
					// Assigned courses are further along than the others.
					const pace = random() + (assigned.includes(course) ? 0.25 : -0.35)
					const done = pace < 0.35 ? 0 : pace < 0.75 ? 1 + Math.floor(random() * (course.lessons.length - 1)) : course.lessons.length
					const started = now.getTime() - Math.floor(random() * 20 * DAY_MS) - DAY_MS
					course.lessons.slice(0, done).forEach((lesson, number) => {
						progress.push({ learnerId: learner.learnerId, courseSlug: course.slug, lessonSlug: lesson.slug, completedAt: new Date(started + number * 3_600_000) })
					})
					if (done < course.lessons.length || !course.quiz || random() < 0.25) continue
					const skill = 0.55 + random() * 0.45
					let passedAt: Date | null = null
					const tries = 1 + Math.floor(random() * 3)
					for (let attempt = 0; attempt < tries && !passedAt; attempt++) {
						const layout = drawLayout(course.quiz, course.lessons.map((entry) => entry.slug), [], Math.floor(random() * 2 ** 32))
						const result = grade(course.quiz, layout, answer(course, layout, skill, random))
						const submittedAt = new Date(started + (course.lessons.length + attempt) * 3_600_000)
						attempts.push({
							learnerId: learner.learnerId,
							courseSlug: course.slug,
							courseVersion: course.meta.version,
							locale,
							layout,
							startedAt: new Date(submittedAt.getTime() - 240_000),
							submittedAt,
							score: result.score,
							maxScore: result.maxScore,
							passed: result.passed,
							answers: result.results.map(({ questionId, chosen, correct }) => ({ questionId, chosen, correct })),
						})
						if (result.passed) passedAt = submittedAt
					}
					// Most who pass ask for their certificate.
					if (passedAt && random() < 0.8) {
						const months = course.meta.certificateValidityMonths
						certificates.push({
							userId: learner.userId,
							holderName: learner.displayName,
							courseSlug: course.slug,
							courseVersion: course.meta.version,
							locale,
							issuedAt: passedAt,
							expiresAt: months ? addMonths(passedAt, months) : null,
							code: generateCode(),
							// Earned for the school's assignment: the school's to count (decision 015).
							orgId: org.id,
						})
					}
				}
			})
			await recordProgress(db, progress)
			await recordAttempts(db, attempts)
			await issueCertificates(db, certificates)
			await rebuildSummaries(db, learners.map((learner) => learner.learnerId), new Map(courses.map((course) => [course.slug, course])))
			return {
				org,
				group: { id: group.id, name: group.name },
				admin: { userId: admin.id, email: adminEmail },
				courses: courses.map((course) => course.slug),
				assigned: assigned.map((course) => course.slug),
				learners,
				counts: { progress: progress.length, attempts: attempts.length, certificates: certificates.length },
			}
		},
		// A district's 20,000 learners take a while on a busy machine.
		{ timeout: 120_000 + options.learners * 30, maxWait: 10_000 },
	)
}
