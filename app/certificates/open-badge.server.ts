// A certificate as an Open Badges 3.0 OpenBadgeCredential (VC Data Model 2.0), before signing.
// The subject is a salted hash of the holder's email or account (or the holder's own DID); the
// name is in it only when the holder chose to show it (decision 017).
import { createHash } from 'node:crypto'
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from '~/certificates/document-loader.server.ts'

export const STATUS_PATH = '/credentials/status'
export const ISSUER_NAME = 'Qorgau'

/** OB 3.0 IdentityHash: "sha256$" and the hex SHA-256 of the identity followed by the salt. */
export function identityHash(identity: string, salt: string): string {
	return `sha256$${createHash('sha256').update(identity + salt).digest('hex')}`
}

/** Seconds precision, as XML Schema dateTimeStamp and most wallets expect. */
export function credentialDate(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

type OpenBadgeInput = {
	origin: string
	did: string
	code: string
	courseSlug: string
	issuedAt: Date
	expiresAt: Date | null
	holderName: string
	showFullName: boolean
	credential: { statusIndex: number; identityType: string; identityHash: string; salt: string; holderDid: string | null }
	texts: { name: string; description: string; criteria: string; locale: string }
}

export function openBadgeCredential(input: OpenBadgeInput): JsonDocument {
	const { origin, credential } = input
	const statusList = `${origin}${STATUS_PATH}`
	const identifier: JsonDocument[] = [
		{ type: 'IdentityObject', identityType: credential.identityType, hashed: true, identityHash: credential.identityHash, salt: credential.salt },
	]
	if (input.showFullName) identifier.push({ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: input.holderName })
	return {
		'@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
		id: `${origin}/verify/${input.code}`,
		type: ['VerifiableCredential', 'OpenBadgeCredential'],
		name: input.texts.name,
		issuer: { id: input.did, type: ['Profile'], name: ISSUER_NAME, url: origin },
		validFrom: credentialDate(input.issuedAt),
		...(input.expiresAt ? { validUntil: credentialDate(input.expiresAt) } : {}),
		credentialSubject: {
			...(credential.holderDid ? { id: credential.holderDid } : {}),
			type: ['AchievementSubject'],
			identifier,
			achievement: {
				id: `${origin}/courses/${input.courseSlug}`,
				type: ['Achievement'],
				achievementType: 'Certificate',
				name: input.texts.name,
				description: input.texts.description,
				criteria: { narrative: input.texts.criteria },
				inLanguage: input.texts.locale,
			},
		},
		credentialStatus: {
			id: `${statusList}#${credential.statusIndex}`,
			type: 'BitstringStatusListEntry',
			statusPurpose: 'revocation',
			statusListIndex: String(credential.statusIndex),
			statusListCredential: statusList,
		},
	}
}
