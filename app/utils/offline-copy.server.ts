// The service worker (public/sw.js) keeps lessons for reading offline. It asks for them with this
// header, and the pages that allow it answer with a copy that holds nothing about the person (no
// progress, no name, no scores): only such copies may be kept, and only they are sent without
// `Cache-Control: no-store` (decision 018). Every other page stays no-store and is never kept.
export const OFFLINE_COPY_HEADER = 'X-Offline-Copy'

/** What a copy that may be kept offline says instead of no-store. */
export const OFFLINE_COPY_CACHE_CONTROL = 'private, no-cache'

export function isOfflineCopy(request: Request): boolean {
	return request.headers.get(OFFLINE_COPY_HEADER) === '1'
}

/** A route that can answer with an offline copy declares it: `handle = { offlineCopy: true }`. */
export function allowsOfflineCopy(handle: unknown): boolean {
	return (handle as { offlineCopy?: unknown } | undefined)?.offlineCopy === true
}
