// Running as one of a fleet (decision 016): a request id and one JSON log line per request, a
// Prometheus endpoint closed to the public, and liveness apart from readiness so a load balancer
// stops sending traffic before an instance stops.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto'
import type { NextFunction, Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { Operations } from '~/entry.server.tsx'

declare module 'express-serve-static-core' {
	interface Request {
		requestId?: string
	}
}

const REQUEST_ID = /^[\w.:-]{1,128}$/

/**
 * A path with no personal data or secrets: segments that are not plain hyphenated words (short
 * numbers allowed as a word, as in the slug "school-no-1") become ":param": codes, tokens, ids,
 * names. `/invite/3f9a…` logs as `/invite/:param`.
 */
export function loggablePath(urlPath: string): string {
	return urlPath
		.split('/')
		.map((segment) => (segment === '' || /^[a-z]+(-([a-z]+|\d{1,4}))*(\.[a-z]{2,4})?$/.test(segment) ? segment : ':param'))
		.join('/')
}

export function createObservability({ instanceId, logRequests }: { instanceId: string; logRequests: boolean }) {
	const registry = new Registry()
	registry.setDefaultLabels({ instance: instanceId })
	collectDefaultMetrics({ register: registry })
	const requests = new Counter({ name: 'qorgau_http_requests_total', help: 'HTTP requests answered', labelNames: ['method', 'status'], registers: [registry] })
	const latency = new Histogram({
		name: 'qorgau_http_request_duration_seconds',
		help: 'Time to answer an HTTP request',
		labelNames: ['method'],
		buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
		registers: [registry],
	})

	/** Gives every request an id (the proxy's X-Request-Id when it sent one), counts and logs it. */
	const requestLog: RequestHandler = (req, res, next) => {
		const given = req.get('X-Request-Id')
		const requestId = given && REQUEST_ID.test(given) ? given : randomUUID()
		req.requestId = requestId
		res.setHeader('X-Request-Id', requestId)
		const started = process.hrtime.bigint()
		res.once('finish', () => {
			const seconds = Number(process.hrtime.bigint() - started) / 1e9
			requests.inc({ method: req.method, status: String(res.statusCode) })
			latency.observe({ method: req.method }, seconds)
			if (!logRequests) return
			// No address, no user agent, no query string, no cookie: nothing that names a person.
			process.stdout.write(
				`${JSON.stringify({
					time: new Date().toISOString(),
					level: 'info',
					msg: 'request',
					requestId,
					instance: instanceId,
					method: req.method,
					path: loggablePath(req.path),
					status: res.statusCode,
					durationMs: Math.round(seconds * 10_000) / 10,
					bytes: Number(res.getHeader('Content-Length') ?? 0) || undefined,
				})}\n`,
			)
		})
		next()
	}

	function watch(operations: Operations | undefined, load: () => { active: number; waiting: number }) {
		new Gauge({
			name: 'qorgau_requests_in_progress',
			help: 'Pages and forms being worked on',
			registers: [registry],
			collect() {
				this.set(load().active)
			},
		})
		new Gauge({
			name: 'qorgau_requests_queued',
			help: 'Requests waiting for a turn (load shedding queue)',
			registers: [registry],
			collect() {
				this.set(load().waiting)
			},
		})
		if (!operations) return
		new Gauge({
			name: 'qorgau_db_pool_connections',
			help: 'PostgreSQL pool connections by state (absent on SQLite)',
			labelNames: ['state'],
			registers: [registry],
			collect() {
				const pool = operations.poolStatistics()
				if (!pool) return
				this.set({ state: 'total' }, pool.total)
				this.set({ state: 'idle' }, pool.idle)
				this.set({ state: 'waiting' }, pool.waiting)
			},
		})
		new Gauge({
			name: 'qorgau_job_backlog',
			help: 'Jobs due and not yet done',
			registers: [registry],
			async collect() {
				this.set(await operations.jobBacklog())
			},
		})
	}

	return { registry, requestLog, watch }
}

const digest = (text: string) => createHash('sha256').update(text).digest()
const sameSecret = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected))

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/**
 * /metrics: with METRICS_TOKEN, only for `Authorization: Bearer <token>`; without, only for
 * direct loopback connections (a request relayed by a proxy on the same host carries
 * X-Forwarded-For and is refused).
 */
export function metricsEndpoint(registry: Registry, token: string | undefined) {
	return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
		const allowed = token
			? sameSecret(req.get('Authorization') ?? '', `Bearer ${token}`)
			: LOOPBACK.has(req.socket.remoteAddress ?? '') && req.get('X-Forwarded-For') === undefined
		if (!allowed) {
			res.status(404).type('text/plain').set('Cache-Control', 'no-store').send('Not found')
			return
		}
		try {
			res.type(registry.contentType).set('Cache-Control', 'no-store').send(await registry.metrics())
		} catch (error) {
			next(error)
		}
	}
}
