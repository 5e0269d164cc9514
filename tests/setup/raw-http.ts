// Requests with exact bytes and headers (fetch would fix up a malformed one), for the suites
// that send what browsers never would.
import http from 'node:http'

export type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; body: string }

export type RawRequest = {
	method: string
	path: string
	headers?: Record<string, string>
	body?: Buffer
	/** Send the body with Transfer-Encoding: chunked (no Content-Length). */
	chunked?: boolean
	/** Connections to use (default: a shared pool of 16). */
	agent?: http.Agent
}

const sharedAgent = new http.Agent({ keepAlive: true, maxSockets: 16 })

/**
 * Resolves with the server's answer. A server may answer before it has read the whole body (a
 * 413) and close the connection: the answer still counts, the write error after it does not.
 */
export function rawRequest(base: string, request: RawRequest, timeoutMs = 30_000): Promise<RawAnswer> {
	const url = new URL(base)
	return new Promise((resolve, reject) => {
		let answered = false
		const headers: Record<string, string> = { ...request.headers }
		if (request.body && !request.chunked) headers['Content-Length'] = String(request.body.length)
		const req = http.request(
			{ host: url.hostname, port: url.port, method: request.method, path: request.path, headers, agent: request.agent ?? sharedAgent, timeout: timeoutMs },
			(res) => {
				answered = true
				const chunks: Buffer[] = []
				res.on('data', (chunk: Buffer) => chunks.push(chunk))
				res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
				res.on('error', reject)
			},
		)
		req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)))
		req.on('error', (error) => {
			if (!answered) reject(error)
		})
		if (!request.body) return void req.end()
		// In pieces, so a server that refuses early can be seen doing so.
		const body = request.body
		const piece = 64 * 1024
		let offset = 0
		const writeMore = () => {
			while (offset < body.length) {
				const chunk = body.subarray(offset, offset + piece)
				offset += piece
				if (!req.write(chunk)) return void req.once('drain', writeMore)
			}
			req.end()
		}
		writeMore()
	})
}
