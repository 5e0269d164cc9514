// The mail seam. A message becomes a job in the database (app/models/job-queue.server.ts), so
// any instance may accept it and one delivers it. With no mail server configured (the default,
// and always here), delivery writes each message to <data dir>/outbox/ and logs its path, so an
// operator can pass a reset link on.
import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Prisma } from '~/generated/prisma/client.ts'
import { enqueueJob } from '~/models/job-queue.server.ts'
import { getEnv } from '~/utils/env.server.ts'

export type Mail = { to: string; subject: string; text: string }

export function outboxDir() {
	return path.join(getEnv().dataDir, 'outbox')
}

/** `client`: a transaction, so the mail is sent exactly when the write it reports commits. */
export async function sendMail(mail: Mail, client?: Prisma.TransactionClient): Promise<void> {
	await enqueueJob('mail', mail, undefined, client)
}

/** The message as the outbox keeps it. */
export function formatMail(mail: Mail): string {
	return [`To: ${mail.to}`, `Subject: ${mail.subject}`, 'Content-Type: text/plain; charset=utf-8', '', mail.text, ''].join('\n')
}

/** Delivery, run by the job worker. */
export function deliverMail(mail: Mail, jobId: string) {
	mkdirSync(outboxDir(), { recursive: true })
	const file = path.join(outboxDir(), `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.eml`)
	writeFileSync(file, formatMail(mail), { mode: 0o600 })
	console.log(`[qorgau] Mail (job ${jobId}) written to ${file}`)
}
