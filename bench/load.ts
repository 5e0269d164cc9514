// One scenario under load: autocannon at a fixed number of connections for a fixed time,
// reduced to the figures the report needs.
import autocannon from 'autocannon'

export type RequestSpec = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string }

export type LoadOptions = {
	url: string
	connections: number
	seconds: number
	/**
	 * Run until this many requests completed instead of for `seconds`: for a page so slow that
	 * at this concurrency no request would finish within the time (the first of each connection
	 * waits behind all the others).
	 */
	amount?: number
	/** Called for every request: POST scenarios need a new attempt or lesson each time. */
	next: () => RequestSpec
}

export type LoadResult = {
	requests: number
	rps: number
	p50: number
	p99: number
	/** 4xx/5xx answers, socket errors and timeouts: anything that is not 2xx or 3xx. */
	errors: number
	statuses: Record<string, number>
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
	const first = options.next()
	const started = performance.now()
	const result = await autocannon({
		url: options.url,
		connections: options.connections,
		...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
		timeout: 120,
		requests: [
			{
				method: first.method,
				path: first.path,
				setupRequest: (request) => {
					const spec = options.next()
					return { ...request, method: spec.method, path: spec.path, headers: spec.headers ?? {}, body: spec.body }
				},
			},
		],
	})
	const seconds = (performance.now() - started) / 1000
	const statuses = { '2xx': result['2xx'], '3xx': result['3xx'], '4xx': result['4xx'], '5xx': result['5xx'] }
	const requests = result['2xx'] + result['3xx'] + result['4xx'] + result['5xx']
	return {
		requests,
		// Answers over the run's own time, not autocannon's mean of whole seconds: a run of a fixed
		// number of requests (the quiz, the dashboards) lasts a second or two, and that mean gave
		// 128 requests in 1.5 s as 64 a second.
		rps: requests / seconds,
		p50: result.latency.p50,
		p99: result.latency.p99,
		errors: result['4xx'] + result['5xx'] + result.errors + result.timeouts,
		statuses,
	}
}
