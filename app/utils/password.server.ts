// Passwords and PINs: argon2id with OWASP's recommended parameters (decision 010).
import { hash, verify } from '@node-rs/argon2'

const OPTIONS = { algorithm: 2 /* argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS)
}

// Verifying against this when there is no account makes "unknown user" take as long as
// "wrong password", so timing does not tell whether an account exists.
let dummyHash: Promise<string> | undefined

export async function verifyPassword(password: string, passwordHash: string | null | undefined): Promise<boolean> {
	if (!passwordHash) {
		dummyHash ??= hashPassword('no account has this password')
		await verify(await dummyHash, password).catch(() => false)
		return false
	}
	return verify(passwordHash, password).catch(() => false)
}
