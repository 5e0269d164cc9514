// Reading bodies that may be big (a file upload, a long list): multipart, with every part held in memory up to a limit, so a huge
// or endless upload is refused early instead of filling the server's memory.
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'
type Upload = { ok: true; form: FormData } | { ok: false; code: 'tooLarge' | 'notUpload' }

/** A multipart form whose every part (file or field) is at most `maxPart` bytes. */
export async function readUpload(request: Request, maxPart: number): Promise<Upload> {
	const length = Number(request.headers.get('Content-Length') ?? 0)
	if (length > 2 * maxPart) return { ok: false, code: 'tooLarge' }
	// Our forms have four fields; a body of thousands of small parts is not one of them.
	let parts = 0
	const filter = () => {
		if (++parts > 10) throw new TypeError('too many parts')
		return true
	}
	try {
		return { ok: true, form: await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxPart, filter })) }
	} catch (error) {
		if (error instanceof MaxPartSizeExceededError) return { ok: false, code: 'tooLarge' }
		// Not multipart, or a broken body: the form was not sent by our page.
		return { ok: false, code: 'notUpload' }
	}
}

/**
 * A urlencoded form of at most `maxBytes`, read as a stream so an oversized body (with or without
 * Content-Length) is refused without being held in memory. Null when too large or unreadable.
 */
export async function readSmallForm(request: Request, maxBytes: number): Promise<URLSearchParams | null> {
	if (Number(request.headers.get('Content-Length') ?? 0) > maxBytes) return null
	if (!request.body) return new URLSearchParams()
	const reader = request.body.getReader()
	const chunks: Uint8Array[] = []
	let size = 0
	try {
		for (;;) {
			const { done, value } = await reader.read()
			if (done) break
			size += value.byteLength
			if (size > maxBytes) {
				await reader.cancel()
				return null
			}
			chunks.push(value)
		}
	} catch {
		return null
	}
	return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}
