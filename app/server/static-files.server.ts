// The browser's files (build/client), read into memory at start with the .br and .gz made at
// build time (precompress.ts): a request for one is a map lookup and a write, never a
// compression, and a page request passes by without touching the disk (express.static did a
// `stat` for every page; found with `npm run bench`). About 4 MB, all of it fingerprinted or small.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { acceptedEncoding } from '~/server/compression.server.ts'

const TYPES: Record<string, string> = {
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.json': 'application/json; charset=utf-8',
	'.txt': 'text/plain; charset=utf-8',
	'.html': 'text/html; charset=utf-8',
	'.map': 'application/json; charset=utf-8',
	'.ttf': 'font/ttf',
	'.otf': 'font/otf',
	'.woff2': 'font/woff2',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.webp': 'image/webp',
}

type StaticFile = { type: string; etag: string; cacheControl: string; identity: Buffer; br?: Buffer; gzip?: Buffer }

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
	)
}

function loadStaticFiles(root: string): Map<string, StaticFile> {
	const files = new Map<string, StaticFile>()
	for (const file of filesUnder(root)) {
		if (file.endsWith('.br') || file.endsWith('.gz')) continue
		const urlPath = `/${path.relative(root, file).split(path.sep).join('/')}`
		const identity = readFileSync(file)
		const optional = (suffix: string) => (existsSync(`${file}${suffix}`) ? readFileSync(`${file}${suffix}`) : undefined)
		files.set(urlPath, {
			type: TYPES[path.extname(file)] ?? 'application/octet-stream',
			etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 16)}"`,
			// Vite fingerprints everything under /assets: a year. The rest (favicon, robots.txt) an hour.
			cacheControl: urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
			identity,
			br: optional('.br'),
			gzip: optional('.gz'),
		})
	}
	return files
}

export function serveStaticFiles(root: string) {
	const files = loadStaticFiles(root)
	return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
		if (req.method !== 'GET' && req.method !== 'HEAD') return next()
		const file = files.get(req.path)
		if (!file) return next()
		res.setHeader('Content-Type', file.type)
		res.setHeader('Cache-Control', file.cacheControl)
		res.setHeader('ETag', file.etag)
		res.setHeader('Vary', 'Accept-Encoding')
		if (req.headers['if-none-match'] === file.etag) {
			res.statusCode = 304
			return res.end()
		}
		const encoding = acceptedEncoding(req.headers['accept-encoding'], { br: Boolean(file.br), gzip: Boolean(file.gzip) })
		const body = encoding === 'br' ? file.br! : encoding === 'gzip' ? file.gzip! : file.identity
		if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding)
		res.setHeader('Content-Length', body.length)
		res.end(req.method === 'HEAD' ? undefined : body)
	}
}
