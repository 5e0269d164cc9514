// The mail seam. With no mail server configured (the default, and always here), each message is
// written to <data dir>/outbox/ and its path logged, so an operator can pass a reset link on.
import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { getEnv } from './env.server.ts'

export type Mail = { to: string; subject: string; text: string }

export function outboxDir() {
	return path.join(getEnv().dataDir, 'outbox')
}

export async function sendMail(mail: Mail): Promise<void> {
	mkdirSync(outboxDir(), { recursive: true })
	const file = path.join(outboxDir(), `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.eml`)
	const message = [`To: ${mail.to}`, `Subject: ${mail.subject}`, 'Content-Type: text/plain; charset=utf-8', '', mail.text, ''].join('\n')
	writeFileSync(file, message, { mode: 0o600 })
	console.log(`[qorgau] Mail to ${mail.to} written to ${file}`)
}
