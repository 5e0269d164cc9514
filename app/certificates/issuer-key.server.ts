// The Ed25519 key that signs credentials, made from the 32-byte seed in ISSUER_KEY_SEED (a
// deployment must set it; `npm start` elsewhere makes one in the data directory).
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { getEnv, issuerKeySeed } from '~/utils/env.server.ts'
import { didDocument, keyIdFor } from '~/certificates/did-web.server.ts'

const keys = new Map<string, Promise<Ed25519Multikey.Ed25519KeyPair>>()

/** The signing key as a verification method of the issuer's DID. */
export function issuerKey(did: string): Promise<Ed25519Multikey.Ed25519KeyPair> {
	const seed = issuerKeySeed()
	const cacheKey = `${did} ${seed}`
	let key = keys.get(cacheKey)
	if (!key) {
		key = (async () => {
			const generated = await Ed25519Multikey.generate({ seed: Uint8Array.from(Buffer.from(seed, 'hex')) })
			const exported = await generated.export({ publicKey: true, secretKey: true })
			return Ed25519Multikey.from({ ...exported, id: keyIdFor(did, generated.publicKeyMultibase), controller: did })
		})()
		keys.set(cacheKey, key)
	}
	return key
}

/** The DID document of this deployment: the current key, then ISSUER_PREVIOUS_KEYS. */
export async function issuerDidDocument(did: string) {
	const current = (await issuerKey(did)).publicKeyMultibase
	const previous = getEnv().ISSUER_PREVIOUS_KEYS.filter((key) => key !== current)
	return didDocument(did, [current, ...previous])
}
