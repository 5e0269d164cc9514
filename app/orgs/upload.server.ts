// Reading the enrolment form: multipart, with every part held in memory up to a limit, so a huge
// or endless upload is refused early instead of filling the server's memory.
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'
import { MAX_BYTES } from './csv.ts'

// The decoded text sent back for confirmation can be up to twice the file (Cyrillic in UTF-8).
const MAX_PART = 2 * MAX_BYTES + 1024

export type Upload = { ok: true; form: FormData } | { ok: false; code: 'tooLarge' | 'notUpload' }

export async function readUpload(request: Request): Promise<Upload> {
	const length = Number(request.headers.get('Content-Length') ?? 0)
	if (length > 2 * MAX_PART) return { ok: false, code: 'tooLarge' }
	try {
		return { ok: true, form: await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_PART })) }
	} catch (error) {
		if (error instanceof MaxPartSizeExceededError) return { ok: false, code: 'tooLarge' }
		// Not multipart, or a broken body: the form was not sent by our page.
		return { ok: false, code: 'notUpload' }
	}
}
