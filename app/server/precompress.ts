// Compresses the browser's files once, at build time, at the best quality brotli and gzip have
// (brotli 11 takes about a second for all of them; per request it would cost more than the page):
// each compressible file under build/client gets a .br and a .gz beside it, served by
// static-files.server.ts without any work per request.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

const COMPRESSIBLE = /\.(?:js|mjs|css|svg|json|txt|html|map)$/

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
	)
}

export async function precompress(dir: string): Promise<number> {
	const files = filesUnder(dir).filter((file) => COMPRESSIBLE.test(file))
	await Promise.all(
		files.map(async (file) => {
			const raw = readFileSync(file)
			const [br, gz] = await Promise.all([
				brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
				gzip(raw, { level: 9 }),
			])
			writeFileSync(`${file}.br`, br)
			writeFileSync(`${file}.gz`, gz)
		}),
	)
	return files.length
}
