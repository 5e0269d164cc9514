// Signing and verifying with Data Integrity eddsa-rdfc-2022 (Digital Bazaar's libraries), and
// the signed Bitstring Status List of revocations (decision 017). No network: every document
// comes from ./document-loader.server.ts.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as vc from '@digitalbazaar/vc'
import * as statusList from '@digitalbazaar/vc-bitstring-status-list'
import { documentLoader, OB_V3_CONTEXT, VC_V2_CONTEXT } from '~/certificates/document-loader.server.ts'
import { didWebFor } from '~/certificates/did-web.server.ts'
import { issuerDidDocument, issuerKey } from '~/certificates/issuer-key.server.ts'
import { credentialDate, STATUS_PATH } from '~/certificates/open-badge.server.ts'

/** 16 KB of bits, the spec's minimum for herd privacy; the list grows in steps of this size. */
export const STATUS_LIST_BLOCK = 131_072

type StatusListSource = () => Promise<{ revoked: number[]; length: number }>

/** This deployment's own documents: its DID document, its key ids, its status list. */
function localDocuments(origin: string, statusSource: StatusListSource) {
	const did = didWebFor(origin)
	return async (url: string): Promise<unknown> => {
		if (url === `${origin}${STATUS_PATH}`) return statusListCredential(origin, await statusSource())
		if (url !== did && !url.startsWith(`${did}#`)) return null
		const document = await issuerDidDocument(did)
		if (url === did) return document
		const method = document.verificationMethod.find((candidate) => candidate.id === url)
		return method ? { '@context': document['@context'], ...method } : null
	}
}

async function signer(origin: string) {
	return new DataIntegrityProof({ signer: (await issuerKey(didWebFor(origin))).signer(), cryptosuite })
}

const noLocalDocuments = async () => null

export async function signCredential(credential: JsonDocument, origin: string): Promise<JsonDocument> {
	return vc.issue({ credential, suite: await signer(origin), documentLoader: documentLoader(noLocalDocuments) })
}

// Signing the list costs a canonicalisation; the same revocations give the same list.
let cachedList: { key: string; credential: Promise<JsonDocument> } | null = null

/** The signed BitstringStatusListCredential served at /credentials/status. */
export async function statusListCredential(origin: string, status: { revoked: number[]; length: number }): Promise<JsonDocument> {
	const signingKey = (await issuerKey(didWebFor(origin))).publicKeyMultibase
	const key = `${origin} ${signingKey} ${status.length} ${status.revoked.join(',')}`
	if (cachedList?.key === key) return cachedList.credential
	const credential = (async () => {
		const list = await statusList.createList({ length: status.length })
		for (const index of status.revoked) list.setStatus(index, true)
		const unsigned = await statusList.createCredential({ id: `${origin}${STATUS_PATH}`, list, statusPurpose: 'revocation' })
		return signCredential({ ...unsigned, issuer: didWebFor(origin), validFrom: credentialDate(new Date()) }, origin)
	})()
	cachedList = { key, credential }
	credential.catch(() => (cachedList = null))
	return credential
}

type CredentialCheck =
	| { outcome: 'malformed' | 'notOpenBadge' | 'otherIssuer' | 'forged' }
	| { outcome: 'valid' | 'expired' | 'revoked'; facts: CredentialFacts }

type CredentialFacts = { achievement: string; holder: string | null; validFrom: string; validUntil: string | null; id: string }

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const asDate = (value: unknown) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : null)

/**
 * Checks a credential someone pasted: ours (issuer is this deployment's did:web), signed by our
 * key, not revoked in our status list, not past validUntil. Never throws on bad input.
 */
export async function checkCredential(input: unknown, origin: string, statusSource: StatusListSource, now = new Date()): Promise<CredentialCheck> {
	if (!isObject(input) || !Array.isArray(input['@context'])) return { outcome: 'malformed' }
	const types = input.type
	if (input['@context'][0] !== VC_V2_CONTEXT || !input['@context'].includes(OB_V3_CONTEXT) || !Array.isArray(types) || !types.includes('OpenBadgeCredential')) {
		return { outcome: 'notOpenBadge' }
	}
	const issuer = isObject(input.issuer) ? input.issuer.id : input.issuer
	if (issuer !== didWebFor(origin)) return { outcome: 'otherIssuer' }
	const validFrom = asDate(input.validFrom)
	if (!validFrom || !isObject(input.credentialStatus) || input.credentialStatus.statusListCredential !== `${origin}${STATUS_PATH}` || !isObject(input.credentialSubject) || !isSmallTree(input)) {
		return { outcome: 'forged' }
	}
	// The library checks the proof and the status list's own proof. It is asked "as of validFrom"
	// so that an expired credential still has its signature checked; expiry is judged below.
	const result = await vc.verifyCredential({
		credential: input,
		suite: new DataIntegrityProof({ cryptosuite }),
		documentLoader: documentLoader(localDocuments(origin, statusSource)),
		// The status list comes from this process, never from the input: checking its own proof
		// again on every request would double the cost for nothing.
		checkStatus: (options: object) => statusList.checkStatus({ ...options, verifyBitstringStatusListCredential: false }),
		now: validFrom,
	}).catch(() => ({ verified: false }) as vc.VerifyResult)
	if (!result.verified) return { outcome: 'forged' }
	const facts = factsOf(input)
	if (result.statusResult?.results?.some((entry) => entry.status === true)) return { outcome: 'revoked', facts }
	const validUntil = asDate(input.validUntil)
	if (validUntil && validUntil <= now) return { outcome: 'expired', facts }
	return { outcome: 'valid', facts }
}

/**
 * Our credentials are small trees (about 40 values). Canonicalisation (RDFC) costs grow fast with
 * repeated blank nodes, so anything much bigger is refused before the library sees it.
 */
function isSmallTree(value: unknown, depth = 0, budget = { nodes: 200 }): boolean {
	if (--budget.nodes < 0 || depth > 8) return false
	if (Array.isArray(value)) return value.length <= 8 && value.every((item) => isSmallTree(item, depth + 1, budget))
	if (isObject(value)) return Object.values(value).every((item) => isSmallTree(item, depth + 1, budget))
	return true
}

/** What a verified credential says, for the verification page. */
function factsOf(credential: Record<string, unknown>): CredentialFacts {
	const subject = isObject(credential.credentialSubject) ? credential.credentialSubject : {}
	const achievement = isObject(subject.achievement) ? subject.achievement : {}
	const identifiers = Array.isArray(subject.identifier) ? subject.identifier.filter(isObject) : []
	const name = identifiers.find((entry) => entry.identityType === 'name' && entry.hashed === false)?.identityHash
	return {
		id: String(credential.id ?? ''),
		achievement: String(achievement.name ?? ''),
		holder: typeof name === 'string' ? name : null,
		validFrom: String(credential.validFrom).slice(0, 10),
		validUntil: typeof credential.validUntil === 'string' ? credential.validUntil.slice(0, 10) : null,
	}
}
