// The HTTP server: `npm start` runs its production bundle (build/server.js), `npm run dev` runs
// it with Vite's middleware.
import path from 'node:path'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { EnvError, getEnv } from '../utils/env.server.ts'
import { DatabaseUnusableError } from '../utils/db-migrate.server.ts'
import { MigrationError } from '../utils/db-migrations.server.ts'
import { clientErrorHandler, finalErrorHandler } from './error-page.server.ts'
import { readBody, shedLoad } from './limits.server.ts'
import { remixHandler } from './remix-handler.server.ts'
import { refuseCrossSitePosts, securityHeaders } from './security.server.ts'
import { prepareDatabase, resolveSessionSecret } from './startup.server.ts'

const log = (line: string) => console.log(`[qorgau] ${line}`)
// A queued request waits at most this long; a refused one is told to come back after this long.
const QUEUE_WAIT_MS = 10_000
const RETRY_AFTER_SECONDS = 5

async function main() {
	const env = getEnv()
	await prepareDatabase(env, log)
	// The app reads secrets from the environment: fill in the generated one before it loads.
	process.env.SESSION_SECRET = resolveSessionSecret(env, log)

	const viteDevServer =
		env.NODE_ENV === 'production'
			? undefined
			: await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }))

	const app = express()
	app.disable('x-powered-by')
	// Behind a reverse proxy, TRUST_PROXY=1 lets rate limits see the real client address.
	if (env.TRUST_PROXY) app.set('trust proxy', 1)
	app.use(compression())
	if (viteDevServer) {
		app.use(viteDevServer.middlewares)
	} else {
		// Vite fingerprints everything under /assets: cache it for a year. Paths that do not
		// decode skip the file server (it would answer with its own untranslated 400) and reach
		// the app's translated pages.
		const assets = express.static('build/client/assets', { immutable: true, maxAge: '1y' })
		const files = express.static('build/client', { maxAge: '1h' })
		app.use('/assets', (req, res, next) => (isDecodable(req.path) ? assets(req, res, next) : next()))
		app.use((req, res, next) => (isDecodable(req.path) ? files(req, res, next) : next()))
	}
	// The URL contract names the PDF /certificates/:code.pdf; Remix params are whole segments.
	app.use((req, _res, next) => {
		const pdf = /^\/certificates\/([^/]+)\.pdf(\?.*)?$/.exec(req.url)
		// Remix reads originalUrl, so both change.
		if (pdf) req.url = req.originalUrl = `/certificates/${pdf[1]}/pdf${pdf[2] ?? ''}`
		next()
	})
	app.use(securityHeaders(env))
	// Static files above are cheap and stay outside the cap; every page and form counts
	// (decision 013).
	app.use(
		shedLoad({
			maxConcurrent: env.MAX_CONCURRENT_REQUESTS,
			maxQueued: env.MAX_QUEUED_REQUESTS,
			maxWaitMs: QUEUE_WAIT_MS,
			retryAfterSeconds: RETRY_AFTER_SECONDS,
			log,
		}),
	)
	app.use(refuseCrossSitePosts(env))
	app.use(readBody(env.MAX_BODY_KB * 1024))
	const build = viteDevServer
		? () => viteDevServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
		: ((await import(path.resolve('build/server/index.js'))) as ServerBuild)
	if (typeof build !== 'function') {
		const { warmUp } = build.entry.module as { warmUp?: () => Promise<string> }
		if (warmUp) log(await warmUp())
	}
	app.use(remixHandler({ build, mode: env.NODE_ENV, getLoadContext: (req) => ({ clientIp: req.ip ?? 'unknown' }) }))
	app.use(finalErrorHandler())

	const onClientError = await clientErrorHandler(env.DEFAULT_LOCALE)
	const server = app.listen(env.PORT, env.HOST, () => {
		const address = server.address()
		const port = typeof address === 'object' && address ? address.port : env.PORT
		log(`Listening on http://localhost:${port}`)
	})
	server.on('clientError', onClientError)
	const stop = () => server.close(() => process.exit(0))
	process.once('SIGTERM', stop)
	process.once('SIGINT', stop)
}

function isDecodable(urlPath: string) {
	try {
		decodeURIComponent(urlPath)
		return true
	} catch {
		return false
	}
}

main().catch((error: unknown) => {
	if (error instanceof EnvError || error instanceof DatabaseUnusableError || error instanceof MigrationError) {
		console.error(`[qorgau] Cannot start: ${error.message}`)
	} else {
		console.error('[qorgau] Cannot start:', error)
	}
	process.exit(1)
})
