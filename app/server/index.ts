// The HTTP server: `npm start` runs its production bundle (build/server.js), `npm run dev` runs
// it with Vite's middleware.
import cluster from 'node:cluster'
import { hostname } from 'node:os'
import path from 'node:path'
import type { ServerBuild } from '@remix-run/node'
import express from 'express'
import { EnvError, getEnv } from '~/utils/env.server.ts'
import { DatabaseUnusableError, ensureUsableDatabase } from '~/utils/db-migrate.server.ts'
import { MigrationError } from '~/utils/db-migrations.server.ts'
import type { Operations } from '~/entry.server.tsx'
import { clientErrorHandler, finalErrorHandler } from '~/server/error-page.server.ts'
import { readBody, shedLoad } from '~/server/limits.server.ts'
import { createObservability, metricsEndpoint } from '~/server/observability.server.ts'
import { remixHandler } from '~/server/remix-handler.server.ts'
import { serveStaticFiles } from '~/server/static-files.server.ts'
import { refuseCrossSitePosts, securityHeaders } from '~/server/security.server.ts'
import { prepareDatabase, resolveIssuerKeySeed, resolveLtiPrivateKey, resolveSessionSecret } from '~/server/startup.server.ts'

const log = (line: string) => console.log(`[qorgau] ${line}`)
// A queued request waits at most this long; a refused one is told to come back after this long.
const QUEUE_WAIT_MS = 10_000
const RETRY_AFTER_SECONDS = 5

type EntryModule = {
	prepare?: () => Promise<string>
	warmUp?: () => Promise<string>
	// Each process runs a job worker; the queue gives each job to one of them (decision 016).
	operations: Operations
}
const productionBuild = async () => (await import(path.resolve('build/server/index.js'))) as ServerBuild

/**
 * The first process migrates the database and prepares what every process shares (the session
 * secret, the learners' course summaries); with WEB_CONCURRENCY above 1 it only supervises: the
 * first worker migrates and prepares, says so, and serves; only then are the others forked, over
 * the same database, and one that dies is restarted (node:cluster hands them connections in
 * turn). So the supervisor never loads the app (250 MB resident when it prepared itself), and
 * the first answer does not wait for every worker to load (issue 18). Everything a worker keeps
 * in memory is derived from the database or the course files, so any worker may answer any
 * request (README "Performance").
 */
async function main() {
	const env = getEnv()
	const severalWorkers = env.NODE_ENV === 'production' && env.WEB_CONCURRENCY > 1
	if (cluster.isPrimary) {
		// A database that cannot be written is the first thing to say (the secrets below live beside it).
		ensureUsableDatabase(env.database)
		// The app reads secrets from the environment: fill in the generated ones before it loads
		// (workers inherit them).
		process.env.SESSION_SECRET = resolveSessionSecret(env, log)
		process.env.ISSUER_KEY_SEED = resolveIssuerKeySeed(env, log)
		const ltiKey = resolveLtiPrivateKey(env, log)
		if (ltiKey) process.env.LTI_PRIVATE_KEY = ltiKey
		if (severalWorkers) {
			const first = cluster.fork({ [PREPARES]: '1' })
			const prepared = await new Promise<boolean>((resolve) => {
				first.once('message', (message) => resolve(message === PREPARED))
				first.once('exit', () => resolve(false))
			})
			// It said why (migrations, settings) before it exited.
			if (!prepared) process.exit(1)
			return superviseWorkers(env.WEB_CONCURRENCY)
		}
		await prepare(env)
	} else if (process.env[PREPARES]) {
		await prepare(env)
		process.send?.(PREPARED)
	}
	await serve(env)
}

const PREPARES = 'QORGAU_PREPARES'
const PREPARED = 'qorgau:prepared'

/** Before any process serves: migrations and demo content, the summaries, and (for several workers) the lessons compiled into the disk cache. */
async function prepare(env: ReturnType<typeof getEnv>) {
	await prepareDatabase(env, log)
	if (env.NODE_ENV !== 'production') return
	const { prepare: prepareApp, warmUp } = (await productionBuild()).entry.module as unknown as EntryModule
	if (prepareApp) log(await prepareApp())
	if (env.WEB_CONCURRENCY > 1 && warmUp) log(await warmUp())
}

/** The first worker is already there (it prepared): the others join it. */
function superviseWorkers(count: number) {
	let stopping = false
	let listening = 0
	for (let index = 1; index < count; index++) cluster.fork()
	cluster.on('listening', (_worker, address) => {
		listening++
		// The first worker serves while the others load the app: a client is answered from now on.
		if (listening === 1) log(`Serving on http://localhost:${address.port} (the first of ${count} workers; the others are starting)`)
		if (listening === count) log(`Listening on http://localhost:${address.port} (${count} workers)`)
	})
	cluster.on('exit', (worker, code, signal) => {
		if (stopping) return
		log(`Worker ${worker.process.pid} stopped (${signal ?? code}); starting another.`)
		cluster.fork()
	})
	const stop = () => {
		stopping = true
		for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
		let left = Object.keys(cluster.workers ?? {}).length
		if (left === 0) process.exit(0)
		cluster.on('exit', () => --left === 0 && process.exit(0))
	}
	process.once('SIGTERM', stop)
	process.once('SIGINT', stop)
}

async function serve(env: ReturnType<typeof getEnv>) {
	const viteDevServer =
		env.NODE_ENV === 'production'
			? undefined
			: await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }))

	const build = viteDevServer ? () => viteDevServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild> : await productionBuild()
	const entry = (typeof build === 'function' ? await build() : build).entry.module as unknown as EntryModule
	if (typeof build !== 'function' && entry.warmUp) log(await entry.warmUp())
	const { operations } = entry

	const instanceId = `${hostname()}-${process.pid}`
	const observability = createObservability({ instanceId, logRequests: env.logRequests })
	// Set on SIGTERM: readiness fails, then the server stops listening (see stop() below).
	let draining = false

	const app = express()
	app.disable('x-powered-by')
	// Behind a reverse proxy, TRUST_PROXY=1 lets rate limits see the real client address.
	if (env.TRUST_PROXY) app.set('trust proxy', 1)
	app.use(observability.requestLog)
	// Before the static files: they need nosniff as much as pages do.
	app.use(securityHeaders(env))
	app.use((_req, res, next) => {
		// While draining, keep-alive connections are closed after their answer.
		if (draining) res.setHeader('Connection', 'close')
		next()
	})
	// Liveness: the process answers. Readiness: it should get traffic (not draining, database up).
	app.get('/livez', (_req, res) => void res.type('text/plain').set('Cache-Control', 'no-store').send('OK'))
	app.get('/readyz', async (_req, res) => {
		const ready = !draining && (await operations.databaseAnswers())
		res.status(ready ? 200 : 503).type('text/plain').set('Cache-Control', 'no-store').send(ready ? 'OK' : draining ? 'Draining' : 'Not ready')
	})
	app.get('/metrics', metricsEndpoint(observability.registry, env.METRICS_TOKEN))
	if (viteDevServer) {
		app.use(viteDevServer.middlewares)
	} else {
		app.use(serveStaticFiles('build/client'))
	}
	// The URL contract names the PDF /certificates/:code.pdf; Remix params are whole segments.
	app.use((req, _res, next) => {
		const pdf = /^\/certificates\/([^/]+)\.pdf(\?.*)?$/.exec(req.url)
		// Remix reads originalUrl, so both change.
		if (pdf) req.url = req.originalUrl = `/certificates/${pdf[1]}/pdf${pdf[2] ?? ''}`
		next()
	})
	// Static files above are cheap and stay outside the cap; every page and form counts
	// (decision 013).
	const load = shedLoad({
		maxConcurrent: env.MAX_CONCURRENT_REQUESTS,
		maxQueued: env.MAX_QUEUED_REQUESTS,
		maxWaitMs: QUEUE_WAIT_MS,
		retryAfterSeconds: RETRY_AFTER_SECONDS,
		log,
	})
	app.use(load)
	app.use(refuseCrossSitePosts(env))
	app.use(readBody(env.MAX_BODY_KB * 1024))
	observability.watch(operations, load.state)
	await operations.offerRecurringJobs()
	const worker = operations.startJobWorker({ instanceId, intervalMs: env.JOB_POLL_MS, log })
	app.use(remixHandler({ build, mode: env.NODE_ENV, env, getLoadContext: (req) => ({ clientIp: req.ip ?? 'unknown' }) }))
	app.use(finalErrorHandler())

	const onClientError = await clientErrorHandler(env.DEFAULT_LOCALE)
	const server = app.listen(env.PORT, env.HOST, () => {
		const address = server.address()
		const port = typeof address === 'object' && address ? address.port : env.PORT
		// A worker's primary says it once all of them listen.
		if (cluster.isPrimary) log(`Listening on http://localhost:${port}`)
	})
	server.on('clientError', onClientError)
	// Graceful stop: readiness fails at once; requests are still served for SHUTDOWN_DRAIN_MS so
	// the load balancer notices; then no new connections, requests in progress finish, the job
	// worker finishes its job, and the process exits.
	const stop = async () => {
		if (draining) return
		draining = true
		log(`Stopping: draining for ${env.shutdownDrainMs} ms.`)
		await new Promise((resolve) => setTimeout(resolve, env.shutdownDrainMs))
		const closed = new Promise((resolve) => server.close(resolve))
		server.closeIdleConnections()
		// A request that never ends must not keep a deployment from restarting.
		setTimeout(() => process.exit(1), 30_000).unref()
		await Promise.all([closed, worker.stop()])
		await operations.disconnect()
		process.exit(0)
	}
	process.once('SIGTERM', () => void stop())
	process.once('SIGINT', () => void stop())
}

main().catch((error: unknown) => {
	if (error instanceof EnvError || error instanceof DatabaseUnusableError || error instanceof MigrationError) {
		console.error(`[qorgau] Cannot start: ${error.message}`)
	} else {
		console.error('[qorgau] Cannot start:', error)
	}
	process.exit(1)
})
