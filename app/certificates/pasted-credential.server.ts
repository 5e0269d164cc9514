// Reading the credential someone pasted or uploaded on /verify: text or a file, bounded, parsed
// as JSON. Anything else is "no credential", never an error page.
/** Ours are about 2 KB. */
const MAX_CREDENTIAL_BYTES = 16 * 1024

type PastedCredential = { kind: 'none' } | { kind: 'tooLarge' } | { kind: 'text'; json: unknown }

/** Does this form carry a credential (rather than codes)? */
export function hasCredentialFields(form: FormData | null): boolean {
	return form !== null && (form.has('credential') || form.has('credentialFile'))
}

export async function readPastedCredential(form: FormData): Promise<PastedCredential> {
	const file = form.get('credentialFile')
	const pasted = form.get('credential')
	let text = typeof pasted === 'string' ? pasted.trim() : ''
	if (!text && file && typeof file !== 'string' && file.size > 0) {
		if (file.size > MAX_CREDENTIAL_BYTES) return { kind: 'tooLarge' }
		text = (await file.text()).trim()
	}
	if (!text) return { kind: 'none' }
	if (Buffer.byteLength(text) > MAX_CREDENTIAL_BYTES) return { kind: 'tooLarge' }
	try {
		return { kind: 'text', json: JSON.parse(text) as unknown }
	} catch {
		return { kind: 'text', json: null }
	}
}
