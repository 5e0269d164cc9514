// Where to go after signing in, taken from a form or a query string, so from anyone. Browsers
// forgive a lot in a Location header (they drop tabs and newlines, read "\" as "/", and a
// leading "//" names another host), so the rules are strict and then the browser's own parser
// has the last word: only a path of this site survives.

// Printable ASCII only: no control characters, spaces or Unicode look-alikes of "/" and ".".
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/
// Percent-encoded slashes, backslashes and control characters in the path: harmless to us, but
// some proxies and browsers decode them before resolving. (In the query they are ordinary data.)
const ENCODED_TROUBLE = /%(2f|5c|[01][0-9a-f]|7f)/i

/** `target` as a path of `origin` ("/courses?x=1#y"), or `fallback` if it is anything else. */
export function safeRedirect(target: unknown, origin: string, fallback = '/'): string {
	if (typeof target !== 'string' || target.length > 500) return fallback
	if (!target.startsWith('/') || target.startsWith('//') || target.includes('\\')) return fallback
	if (!PRINTABLE_ASCII.test(target) || ENCODED_TROUBLE.test(target.split(/[?#]/)[0] ?? '')) return fallback
	let url: URL
	try {
		url = new URL(target, origin)
	} catch {
		return fallback
	}
	if (url.origin !== new URL(origin).origin) return fallback
	return `${url.pathname}${url.search}${url.hash}`
}
