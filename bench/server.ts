// The production server as `npm start` runs it (node build/server.js), on loopback, in its own
// process: the load generator must not share its event loop. Also the bare static server.
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from './database.ts'

export type BenchServer = {
	url: string
	pid: number
	/** From spawn to the first 200 of `firstPath`, and to the line that says every worker listens. */
	coldStart: { listeningMs: number; firstOkMs: number }
	output: () => string
	stop: () => Promise<void>
}

function waitForPort(child: ChildProcess, pattern: RegExp, output: { text: string }): Promise<number> {
	return new Promise((resolve, reject) => {
		const onData = (chunk: Buffer) => {
			output.text += chunk.toString()
			const port = pattern.exec(output.text)?.[1]
			if (port) {
				child.stdout!.off('data', onData)
				child.stdout!.on('data', (more: Buffer) => (output.text += more.toString()))
				resolve(Number(port))
			}
		}
		child.stdout!.on('data', onData)
		child.stderr!.on('data', (chunk: Buffer) => (output.text += chunk.toString()))
		child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${output.text}`)))
	})
}

function stopper(child: ChildProcess) {
	const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())))
	return async () => {
		if (child.exitCode === null) child.kill('SIGTERM')
		await exited
	}
}

export async function startAppServer(env: Record<string, string>, firstPath: string, extraArgs: string[] = []): Promise<BenchServer> {
	const started = performance.now()
	// As `npm start` runs it (package.json): V8's old generation capped at 256 MB, and two malloc
	// arenas, not one per thread (README "Performance").
	const child = spawn(process.execPath, ['--max-old-space-size=256', ...extraArgs, 'build/server.js'], {
		cwd: ROOT,
		env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', MALLOC_ARENA_MAX: '2', ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	const output = { text: '' }
	// With several workers the first one serves ("Serving on") while the others start: the first
	// 200 is a client's, and the scenarios wait until every worker listens.
	const port = await waitForPort(child, /(?:Serving|Listening) on http:\/\/localhost:(\d+)/, output)
	const url = `http://127.0.0.1:${port}`
	const response = await fetch(`${url}${firstPath}`)
	await response.arrayBuffer()
	if (response.status !== 200) throw new Error(`${firstPath} answered ${response.status} on the first request`)
	const firstOkMs = performance.now() - started
	while (!/Listening on http:\/\/localhost:/.test(output.text)) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before every worker listened:\n${output.text}`)
		await new Promise((resolve) => setTimeout(resolve, 20))
	}
	const listeningMs = performance.now() - started
	return {
		url,
		pid: child.pid!,
		coldStart: { listeningMs, firstOkMs },
		output: () => output.text,
		stop: stopper(child),
	}
}

/** A bare Node http server answering every request with the same bytes: the machine's ceiling. */
export async function startStaticServer(htmlFile: string): Promise<{ url: string; stop: () => Promise<void> }> {
	const child = spawn(process.execPath, [path.join(ROOT, 'bench/static-server.js'), htmlFile], {
		cwd: ROOT,
		env: { PATH: process.env.PATH, NODE_ENV: 'production' },
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	const port = await waitForPort(child, /Listening on (\d+)/, { text: '' })
	return { url: `http://127.0.0.1:${port}`, stop: stopper(child) }
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces). */
function statFields(pid: number): string[] {
	return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
}

/** The server's processes: itself and, with WEB_CONCURRENCY, its workers (Linux /proc). */
export function serverProcesses(pid: number): number[] {
	const children = readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.map(Number)
		.filter((candidate) => {
			try {
				return Number(statFields(candidate)[1]) === pid
			} catch {
				return false
			}
		})
	return [pid, ...children]
}

/**
 * Resident memory of the server's processes, from /proc (Linux), in MB: now (VmRSS) and peak
 * (VmHWM), summed over its processes, and the largest single process's peak.
 */
export function residentMemory(pid: number): { rssMb: number; peakMb: number; largestPeakMb: number; processes: number } | null {
	try {
		const each = serverProcesses(pid).map((one) => {
			const status = readFileSync(`/proc/${one}/status`, 'utf8')
			const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
			return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 }
		})
		return {
			rssMb: each.reduce((total, one) => total + one.rss, 0),
			peakMb: each.reduce((total, one) => total + one.peak, 0),
			largestPeakMb: Math.max(...each.map((one) => one.peak)),
			processes: each.length,
		}
	} catch {
		return null
	}
}

/** CPU time the server's processes have used so far (user + system), in ms, from /proc (Linux). */
export function cpuTimeMs(pid: number): number | null {
	try {
		// utime and stime are the 12th and 13th fields after the command name.
		return serverProcesses(pid).reduce((total, one) => {
			const fields = statFields(one)
			return total + ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
		}, 0)
	} catch {
		return null
	}
}
// Linux reports CPU time in clock ticks: 100 a second on every common kernel configuration.
const CLOCK_TICKS = 100
