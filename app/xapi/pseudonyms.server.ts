// How an organisation's Learning Record Store knows a learner (decision 022): by keyed hashes
// under the organisation's own random salt. Stable for as long as the organisation keeps its
// store connected, different in every organisation, and meaningless without the salt.
import { createHmac } from 'node:crypto'

const keyed = (salt: string, text: string) => createHmac('sha256', salt).update(text).digest()

/** The account name of the learner's xAPI actor in this organisation's store. */
export function actorName(salt: string, learnerId: string): string {
	return keyed(salt, `actor:${learnerId}`).subarray(0, 16).toString('hex')
}

/** The cmi5 registration (a UUID) of the learner's enrolment in the course, for this organisation. */
export function registrationOf(salt: string, learnerId: string, course: string): string {
	const bytes = keyed(salt, `registration:${learnerId}:${course}`).subarray(0, 16)
	// An RFC 9562 version 8 (custom) UUID: the hash's bits with the version and variant set.
	bytes[6] = (bytes[6]! & 0x0f) | 0x80
	bytes[8] = (bytes[8]! & 0x3f) | 0x80
	const hex = bytes.toString('hex')
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
