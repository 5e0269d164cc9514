// What keeps one server process healthy under too much traffic or too much data
// (docs/decisions/013-load-shedding-and-limits.md): a cap on requests in progress with a short
// queue behind it, and a cap on the size of a request body.
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { sendErrorPage } from '~/server/error-page.server.ts'

type LoadSheddingOptions = {
	/** Requests the app works on at once; more wait in the queue. */
	maxConcurrent: number
	/** Requests that may wait for a turn; more are answered 503 at once. */
	maxQueued: number
	/** How long a request may wait for its turn before it is answered 503. */
	maxWaitMs: number
	/** What the 503 tells clients (and people) to wait before trying again. */
	retryAfterSeconds: number
	log?: (line: string) => void
}

/**
 * A request that arrives while `maxConcurrent` are in progress waits its turn (first come, first
 * served); when `maxQueued` already wait, or its wait exceeds `maxWaitMs`, it gets a translated
 * 503 with Retry-After. Nothing of a refused request has been read or written, so retrying it is
 * always safe.
 */
export function shedLoad(options: LoadSheddingOptions) {
	let active = 0
	const waiting: Array<() => void> = []
	let refusedSinceLog = 0
	let lastLog = 0

	const release = () => {
		active--
		waiting.shift()?.()
	}

	const refuse = (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
		refusedSinceLog++
		const now = Date.now()
		// One line per 10 seconds at most: an overloaded server should not also flood its log.
		if (options.log && now - lastLog > 10_000) {
			options.log(`Overloaded: ${refusedSinceLog} request(s) answered 503 (${active} in progress, ${waiting.length} waiting).`)
			refusedSinceLog = 0
			lastLog = now
		}
		sendErrorPage(req, res, 503, { title: 'limits.busy.title', body: 'limits.busy.body' }, { 'Retry-After': String(options.retryAfterSeconds) }).catch(next)
	}

	const middleware = (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
		const start = () => {
			active++
			let released = false
			const done = () => {
				if (released) return
				released = true
				release()
			}
			// finish: the answer is sent; close: the client went away first.
			res.once('finish', done)
			res.once('close', done)
			next()
		}
		if (active < options.maxConcurrent) return start()
		if (waiting.length >= options.maxQueued) return refuse(req, res, next)

		const leave = () => {
			const index = waiting.indexOf(turn)
			if (index !== -1) waiting.splice(index, 1)
			clearTimeout(timer)
			res.off('close', leave)
		}
		const turn = () => {
			leave()
			start()
		}
		const timer = setTimeout(() => {
			leave()
			refuse(req, res, next)
		}, options.maxWaitMs)
		waiting.push(turn)
		// A client that gives up while waiting frees its place in the queue.
		res.once('close', leave)
	}
	/** For /metrics: requests in progress and waiting now. */
	const state = () => ({ active, waiting: waiting.length })
	return Object.assign(middleware, { state })
}

const BODYLESS = new Set(['GET', 'HEAD'])

/**
 * Reads the request body into `req.body` (a Buffer), at most `maxBytes`: a larger body gets a
 * translated 413 as soon as it is known to be too large (from Content-Length, or while counting
 * a chunked one). Compressed bodies are refused (415): a small gzip can unpack to gigabytes.
 */
export function readBody(maxBytes: number) {
	// After refusing, what the client still sends is read and dropped, up to this much: closing
	// at once would reset the connection, and a reset can destroy the answer before the client
	// reads it. Past this, the connection is cut.
	const drainBytes = 16 * maxBytes
	return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
		if (BODYLESS.has(req.method)) return next()
		let refused = false
		let size = 0
		const chunks: Buffer[] = []
		const refuse = (status: 413 | 415) => {
			refused = true
			chunks.length = 0
			const keys = status === 413 ? { title: 'limits.tooLarge.title', body: 'limits.tooLarge.body' } : { title: 'limits.encoding.title', body: 'limits.encoding.body' }
			sendErrorPage(req, res, status, keys).catch(next)
		}
		req.on('data', (chunk: Buffer) => {
			size += chunk.length
			if (refused) {
				if (size > drainBytes) req.socket.destroy()
				return
			}
			if (size <= maxBytes) return void chunks.push(chunk)
			refuse(413)
		})
		req.once('end', () => {
			if (refused) return
			req.body = Buffer.concat(chunks, size)
			next()
		})
		// A client that hangs up halfway gets no answer: there is nobody left to read it.
		req.once('error', () => {
			refused = true
		})
		const encoding = req.get('Content-Encoding')?.trim().toLowerCase()
		if (encoding && encoding !== 'identity') return refuse(415)
		if (Number(req.get('Content-Length')) > maxBytes) return refuse(413)
	}
}
