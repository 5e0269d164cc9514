// Hands Express requests to Remix. @remix-run/express streams the raw request into Remix, with
// no limit on its size; here the body is the one readBody() already read and measured
// (limits.server.ts), so no route can be made to buffer more than MAX_BODY_KB.
import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from '@remix-run/node'
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import type { Env } from '~/utils/env.server.ts'
import { requestOrigin } from '~/server/request-origin.server.ts'
import { withRequestScope } from '~/utils/request-scope.server.ts'
import { acceptedEncoding, compress, isCompressible } from '~/server/compression.server.ts'
import { asRefusalPage } from '~/server/error-page.server.ts'

type Options = {
	build: ServerBuild | (() => Promise<ServerBuild>)
	mode: string
	env: Pick<Env, 'PUBLIC_URL'>
	getLoadContext: (req: ExpressRequest) => AppLoadContext
}

export function remixHandler({ build, mode, env, getLoadContext }: Options) {
	const handleRequest = createRequestHandler(build, mode)
	return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
		try {
			// One scope per request: who is asking is resolved once for all its loaders (decision 019).
			const request = webRequest(req, res, env)
			const response = await withRequestScope(() => handleRequest(request, getLoadContext(req)))
			await send(req, res, await asRefusalPage(request, response))
		} catch (error) {
			next(error)
		}
	}
}

/**
 * The Fetch API request Remix expects, built as @remix-run/express builds it, with the read body.
 * Its URL is the origin requestOrigin() decided, and its Host header says the same (with no
 * X-Forwarded-Host), so Remix's own Origin check agrees with refuseCrossSitePosts().
 */
function webRequest(req: ExpressRequest, res: ExpressResponse, env: Pick<Env, 'PUBLIC_URL'>): Request {
	const controller = new AbortController()
	// Stop loaders and actions once nobody can receive the answer.
	res.once('close', () => {
		if (!res.writableFinished) controller.abort()
	})
	const body = req.method === 'GET' || req.method === 'HEAD' || !Buffer.isBuffer(req.body) ? undefined : new Uint8Array(req.body)
	try {
		const url = new URL(`${requestOrigin(req, env)}${req.originalUrl}`)
		const headers = new Headers()
		for (const [name, value] of Object.entries(req.headers)) {
			if (name === 'host' || name === 'x-forwarded-host') continue
			for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one)
		}
		headers.set('Host', url.host)
		// ?_data= is Remix's data API from before single fetch; this app never asks for it, and
		// Remix answers it with untranslated JSON errors. Such a request is a page request.
		if (url.searchParams.has('_data')) url.searchParams.delete('_data')
		return new Request(url.href, { method: req.method, headers, body, signal: controller.signal })
	} catch (error) {
		// A Host header that is no host name, or a method Fetch forbids (TRACE, CONNECT): the
		// client's mistake, answered by the final error handler as a translated 400.
		throw Object.assign(new Error('The request cannot be represented as a Fetch request', { cause: error }), { status: 400 })
	}
}

async function send(req: ExpressRequest, res: ExpressResponse, response: Response) {
	res.statusMessage = response.statusText
	res.status(response.status)
	for (const [name, value] of response.headers.entries()) res.append(name, value)
	if (!response.body) return void res.end()
	const type = response.headers.get('Content-Type')
	const encoding = response.headers.has('Content-Encoding') || !isCompressible(type, Infinity) ? 'identity' : acceptedEncoding(req.get('Accept-Encoding'))
	if (encoding === 'identity') return writeReadableStreamToWritable(response.body, res)
	// Pages are rendered whole (nothing deferred), so reading the body first delays nothing.
	const body = Buffer.from(await response.arrayBuffer())
	res.append('Vary', 'Accept-Encoding')
	if (!isCompressible(type, body.length)) return void res.end(body)
	const compressed = await compress(body, encoding)
	res.setHeader('Content-Encoding', encoding)
	res.setHeader('Content-Length', compressed.length)
	res.end(compressed)
}
