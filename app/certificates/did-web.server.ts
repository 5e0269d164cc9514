// The issuer's identity: a did:web of the deployment's host, whose DID document is served at
// /.well-known/did.json and lists the current signing key and any earlier ones (decision 017).
import didContext from 'did-context'
import multikeyContext from '@digitalbazaar/multikey-context'

/** did:web of an origin: the host, with a port's colon percent-encoded as did:web requires. */
export function didWebFor(origin: string): string {
	return `did:web:${encodeURIComponent(new URL(origin).host)}`
}

/** The verification method id of a key: the DID and the key's own multibase fingerprint. */
export function keyIdFor(did: string, publicKeyMultibase: string): string {
	return `${did}#${publicKeyMultibase}`
}

/** The DID document: the current key first, then earlier keys kept so old credentials verify. */
export function didDocument(did: string, publicKeys: readonly string[]) {
	const methods = publicKeys.map((publicKeyMultibase) => ({
		id: keyIdFor(did, publicKeyMultibase),
		type: 'Multikey',
		controller: did,
		publicKeyMultibase,
	}))
	return {
		'@context': [didContext.constants.DID_CONTEXT_URL, multikeyContext.CONTEXT_URL],
		id: did,
		verificationMethod: methods,
		assertionMethod: methods.map((method) => method.id),
	}
}
