// Mail is a job until a worker delivers it (decision 016); tests that call the app in their own
// process, where no worker runs, read the queued messages as the outbox would hold them.
import { formatMail, type Mail } from '~/models/mail.server.ts'
import { prisma } from '~/utils/db.server.ts'

/** The queued mails to this address, oldest first (other test files queue mail too). */
export async function queuedMails(to: string): Promise<string[]> {
	const jobs = await prisma.job.findMany({ where: { kind: 'mail', doneAt: null }, orderBy: { createdAt: 'asc' }, select: { payload: true } })
	return jobs
		.map((job) => JSON.parse(job.payload) as Mail)
		.filter((mail) => mail.to === to)
		.map(formatMail)
}
