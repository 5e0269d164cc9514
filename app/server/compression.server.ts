// Compression of the app's own answers (pages, single-fetch data, CSV). Every browser sends
// `Accept-Encoding: gzip, deflate, br`; the `compression` middleware answered it with a brotli
// stream at quality 4 for every response, which cost /about more than half its throughput
// (docs/decisions/012-benchmark.md). Pages here are rendered whole (nothing is deferred), so
// the body is compressed in one call on libuv's thread pool at a low brotli quality: a few
// percent larger than quality 4, at a fraction of its CPU, and off the event loop.
import { promisify } from 'node:util'
import zlib from 'node:zlib'

export type Encoding = 'br' | 'gzip' | 'identity'

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

/** Measured with `npm run bench` (decision 012): see README "Performance". */
const BROTLI_QUALITY = 2
const GZIP_LEVEL = 4
/** Below this, compression saves less than a packet and costs a thread-pool round trip. */
const MIN_BYTES = 1024

/** The best encoding the client accepts among those available: br, then gzip, else none. */
export function acceptedEncoding(header: string | undefined, available: { br: boolean; gzip: boolean } = { br: true, gzip: true }): Encoding {
	if (!header) return 'identity'
	const accepted = new Map<string, number>()
	for (const part of header.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';')
		const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean)
		if (name) accepted.set(name, q === undefined ? 1 : Number(q))
	}
	const allows = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0
	if (available.br && allows('br')) return 'br'
	if (available.gzip && allows('gzip')) return 'gzip'
	return 'identity'
}

const COMPRESSIBLE_TYPE = /^(?:text\/|application\/(?:json|javascript|xml)|image\/svg\+xml)/

export function isCompressible(contentType: string | null, length: number) {
	return contentType !== null && COMPRESSIBLE_TYPE.test(contentType) && length >= MIN_BYTES
}

export function compress(body: Buffer, encoding: Exclude<Encoding, 'identity'>): Promise<Buffer> {
	return encoding === 'br'
		? brotli(body, {
				params: {
					[zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
					[zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
					// A window as large as the page, not brotli's 4 MB default: less memory to set up.
					[zlib.constants.BROTLI_PARAM_LGWIN]: Math.max(16, Math.min(22, Math.ceil(Math.log2(body.length + 1)))),
				},
			})
		: gzip(body, { level: GZIP_LEVEL })
}
