// What a page costs to download on a first visit, as the server sends it to a browser that
// accepts brotli and gzip: the HTML, and the scripts and stylesheets its tags name.
import http from 'node:http'

export type PageWeight = {
	path: string
	/** Bytes on the wire (compressed as the server chose), and before compression. */
	html: { wire: number; raw: number; encoding: string }
	js: { wire: number; raw: number; files: number }
	css: { wire: number; raw: number; files: number }
	totalWire: number
}

type Fetched = { status: number; wire: number; raw: number; encoding: string; body: string }

function get(url: string, headers: Record<string, string>): Promise<Fetched> {
	return new Promise((resolve, reject) => {
		const request = http.get(url, { headers: { 'Accept-Encoding': 'br, gzip', ...headers } }, (response) => {
			const chunks: Buffer[] = []
			response.on('data', (chunk: Buffer) => chunks.push(chunk))
			response.on('end', async () => {
				const wire = Buffer.concat(chunks)
				const encoding = response.headers['content-encoding'] ?? 'identity'
				const zlib = await import('node:zlib')
				const raw = encoding === 'br' ? zlib.brotliDecompressSync(wire) : encoding === 'gzip' ? zlib.gunzipSync(wire) : wire
				resolve({ status: response.statusCode ?? 0, wire: wire.length, raw: raw.length, encoding, body: raw.toString('utf8') })
			})
			response.on('error', reject)
		})
		request.on('error', reject)
	})
}

/** The asset URLs a page's tags load: module scripts, modulepreloads and stylesheets. */
export function assetsOf(html: string): { js: string[]; css: string[] } {
	const js = new Set<string>()
	const css = new Set<string>()
	for (const tag of html.match(/<(?:script|link)\b[^>]*>/g) ?? []) {
		const src = /\bsrc="([^"]+)"/.exec(tag)?.[1]
		const href = /\bhref="([^"]+)"/.exec(tag)?.[1]
		const rel = /\brel="([^"]+)"/.exec(tag)?.[1]
		if (tag.startsWith('<script') && src) js.add(src)
		else if (rel === 'modulepreload' && href) js.add(href)
		else if (rel === 'stylesheet' && href) css.add(href)
	}
	// Remix's inline bootstrap imports the entry and route modules by URL too.
	for (const match of html.matchAll(/import(?:\s*\*\s*as\s*\w+\s*from\s*|\()\s*"([^"]+\.js)"/g)) js.add(match[1]!)
	return { js: [...js], css: [...css] }
}

export async function pageWeight(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<PageWeight> {
	const page = await get(`${baseUrl}${path}`, headers)
	if (page.status !== 200) throw new Error(`${path} answered ${page.status}`)
	const { js, css } = assetsOf(page.body)
	const sum = async (urls: string[]) => {
		const files = await Promise.all(urls.map((url) => get(new URL(url, baseUrl).href, {})))
		const failed = files.find((file) => file.status !== 200)
		if (failed) throw new Error(`an asset of ${path} answered ${failed.status}`)
		return { wire: files.reduce((total, file) => total + file.wire, 0), raw: files.reduce((total, file) => total + file.raw, 0), files: files.length }
	}
	const [scripts, styles] = await Promise.all([sum(js), sum(css)])
	return {
		path,
		html: { wire: page.wire, raw: page.raw, encoding: page.encoding },
		js: scripts,
		css: styles,
		totalWire: page.wire + scripts.wire + styles.wire,
	}
}
