// A small reverse proxy for the fleet test, doing what nginx's upstream module does for us:
// round robin over the instances whose /readyz answers 200 (checked every 100 ms; a check that is
// merely slow changes nothing), and a request that could not be delivered (connection refused:
// nothing was sent) goes to the next instance. Anything else that fails on the way is a 502, as
// nginx answers.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type Proxy = { url: string; add(upstream: string): void; remove(upstream: string): void; stop(): Promise<void> }

const HEALTH_INTERVAL_MS = 100

export async function startProxy(): Promise<Proxy> {
	const upstreams = new Map<string, { ready: boolean }>()
	let next = 0

	const check = async (url: string) => {
		let ready: boolean
		try {
			ready = (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) })).status === 200
		} catch (error) {
			if ((error as Error).name === 'TimeoutError') return
			ready = false
		}
		const upstream = upstreams.get(url)
		if (upstream) upstream.ready = ready
	}
	const poller = setInterval(() => void Promise.all([...upstreams.keys()].map(check)), HEALTH_INTERVAL_MS)

	const pick = (tried: Set<string>) => {
		const ready = [...upstreams].filter(([url, state]) => state.ready && !tried.has(url)).map(([url]) => url)
		return ready.length === 0 ? undefined : ready[next++ % ready.length]
	}

	const forward = (target: string, req: http.IncomingMessage, body: Buffer) =>
		new Promise<http.IncomingMessage>((resolve, reject) => {
			const url = new URL(req.url ?? '/', target)
			const upstream = http.request(url, {
				method: req.method,
				headers: { ...req.headers, host: url.host, 'x-forwarded-for': req.socket.remoteAddress ?? '', 'x-forwarded-proto': 'http' },
				agent: false,
			})
			upstream.once('response', resolve)
			upstream.once('error', reject)
			upstream.end(body)
		})

	const server = http.createServer(async (req, res) => {
		const chunks: Buffer[] = []
		for await (const chunk of req) chunks.push(chunk as Buffer)
		const body = Buffer.concat(chunks)
		const tried = new Set<string>()
		for (;;) {
			const target = pick(tried)
			if (!target) {
				res.writeHead(502, { 'Content-Type': 'text/plain' }).end('No instance is ready')
				return
			}
			tried.add(target)
			try {
				const answer = await forward(target, req, body)
				res.writeHead(answer.statusCode ?? 502, answer.headers)
				answer.pipe(res)
				answer.once('error', () => res.destroy())
				return
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') continue
				res.writeHead(502, { 'Content-Type': 'text/plain' }).end(`Upstream failed: ${(error as Error).message}`)
				return
			}
		}
	})
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	const { port } = server.address() as AddressInfo
	return {
		url: `http://127.0.0.1:${port}`,
		add(upstream) {
			upstreams.set(upstream, { ready: false })
			void check(upstream)
		},
		remove(upstream) {
			upstreams.delete(upstream)
		},
		async stop() {
			clearInterval(poller)
			server.closeAllConnections()
			await new Promise((resolve) => server.close(resolve))
		},
	}
}
