// Secrets the server must read back (an LRS password): sealed with AES-256-GCM under a key
// derived from SESSION_SECRET, so a copy of the database alone does not give them away.
// Rotating SESSION_SECRET makes them unreadable: the owner enters them again.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { sessionSecret } from '~/utils/env.server.ts'

function key(purpose: string): Buffer {
	return Buffer.from(hkdfSync('sha256', sessionSecret(), 'qorgau-sealed', purpose, 32))
}

export function seal(purpose: string, secret: string): string {
	const iv = randomBytes(12)
	const cipher = createCipheriv('aes-256-gcm', key(purpose), iv)
	const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
	return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.')
}

/** The secret, or null when it was sealed under another key or altered. */
export function unseal(purpose: string, sealed: string): string | null {
	const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'))
	if (!iv || !tag || !data) return null
	try {
		const decipher = createDecipheriv('aes-256-gcm', key(purpose), iv)
		decipher.setAuthTag(tag)
		return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8')
	} catch {
		return null
	}
}
