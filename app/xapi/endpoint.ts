// Which Learning Record Store addresses the server will send statements to. The server makes
// the request, so an owner must not be able to point it at the server's own network (SSRF): a
// deployment takes only https:// addresses whose host is not a loopback, private or link-local
// address, unless LRS_ALLOW_PRIVATE says the store is on the school's own network.

const PRIVATE_HOST = /^(localhost|.+\.localhost|.+\.local|.+\.internal|0\.0\.0\.0|127(\.\d{1,3}){3}|10(\.\d{1,3}){3}|192\.168(\.\d{1,3}){2}|172\.(1[6-9]|2\d|3[01])(\.\d{1,3}){2}|169\.254(\.\d{1,3}){2}|\[(::1?|f[cd][0-9a-f:]*|fe80:[0-9a-f:]*|::ffff:[0-9a-f.:]*)\])$/i

/** The translation key of what is wrong with the address, or null when it may be used. */
export function lrsEndpointProblem(value: string, allowPrivate: boolean): string | null {
	let url: URL
	try {
		url = new URL(value)
	} catch {
		return 'lrs.endpointInvalid'
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'lrs.endpointInvalid'
	if (url.username || url.password || url.search || url.hash) return 'lrs.endpointInvalid'
	if (allowPrivate) return null
	if (url.protocol !== 'https:') return 'lrs.endpointHttps'
	if (PRIVATE_HOST.test(url.hostname)) return 'lrs.endpointPrivate'
	return null
}
