// Whose learning a read is about: a guest's learner row, or a signed-in account's learner, found
// through the account. Reading an account's progress by its user id needs no lookup of its learner
// first, so a signed-in page costs the identity query plus its own (decision 019).
import { prisma } from '~/utils/db.server.ts'

export type LearnerRef = { learnerId: string } | { userId: string }

/** The Prisma filter for rows (progress, attempts) that belong to the learner. */
export function learnerWhere(ref: LearnerRef) {
	return 'learnerId' in ref ? { learnerId: ref.learnerId } : { learner: { userId: ref.userId } }
}

/** The learner row's id, for writes; null when an account has not learned anything yet. */
export async function learnerIdOf(ref: LearnerRef): Promise<string | null> {
	if ('learnerId' in ref) return ref.learnerId
	return (await prisma.learner.findUnique({ where: { userId: ref.userId }, select: { id: true } }))?.id ?? null
}
