// A background job in the server process: run once at start, then every `everyMs`, never two
// runs at once. Jobs must be idempotent (a crash mid-run just runs again); a queue can take
// them over later without changing them.
export function startIntervalJob(name: string, everyMs: number, run: () => Promise<string | null>, log: (line: string) => void): () => void {
	let running = false
	const tick = async () => {
		if (running) return
		running = true
		try {
			const report = await run()
			if (report) log(`${name}: ${report}`)
		} catch (error) {
			console.error(`[qorgau] ${name} failed:`, error)
		} finally {
			running = false
		}
	}
	void tick()
	const timer = setInterval(() => void tick(), everyMs)
	// The job never keeps a stopping server alive.
	timer.unref()
	return () => clearInterval(timer)
}
