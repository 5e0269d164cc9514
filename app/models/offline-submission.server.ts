// Forms that waited in a phone's offline queue (public/sw.js) carry an id the phone made up. The
// first replay records where it led; a second replay of the same id (the connection dropped
// before the phone heard the answer) is sent to the same place and changes nothing.
import { z } from 'zod'
import { Prisma } from '~/generated/prisma/client.ts'
import { prisma } from '~/utils/db.server.ts'

/**
 * The form's `offlineId` field in a form schema: a UUID (crypto.randomUUID on the phone) if it
 * came from the queue. Anything else is not an offline id and is ignored, not refused.
 */
export const offlineIdField = z
	.string()
	.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
	.optional()
	.catch(undefined)

/** The same, for the quiz's form, which is read field by field. */
export function offlineIdOf(form: FormData): string | null {
	const values = form.getAll('offlineId')
	return (values.length === 1 ? offlineIdField.parse(values[0]) : undefined) ?? null
}

/** Where an earlier replay of this id led, if this learner sent it before. */
export async function replayedTo(offlineId: string, learnerId: string): Promise<string | null> {
	const row = await prisma.offlineSubmission.findUnique({ where: { id: offlineId }, select: { learnerId: true, resultPath: true } })
	return row?.learnerId === learnerId ? row.resultPath : null
}

export async function rememberReplay(offlineId: string, learnerId: string, resultPath: string) {
	try {
		await prisma.offlineSubmission.create({ data: { id: offlineId, learnerId, resultPath } })
	} catch (error) {
		// Two replays at once: the first one's record stands; the writes behind both are idempotent.
		if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') throw error
	}
}
