// Starts the production build (build/server.js, made by the global setup) as its own process,
// the way `npm start` does.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { getEnv } from '~/utils/env.server.ts'
import { ROOT } from './paths.ts'

export type RunningServer = {
	url: string
	pid: number
	output: () => string
	stop: () => Promise<void>
	/** SIGKILL: the process dies at once, mid-request, as in a crash or an out-of-memory kill. */
	kill: () => Promise<void>
}
export type ServerExit = { code: number | null; output: string }

const dataDir = () => (process.env.DATA_DIR ? { DATA_DIR: process.env.DATA_DIR } : {})

/** Resolves when the server says it listens; rejects with its output if it exits first. */
export function startServer(env: Record<string, string>): Promise<RunningServer> {
	const child = spawn(process.execPath, ['build/server.js'], {
		cwd: ROOT,
		// On PostgreSQL (npm run test:pg) generated files go to the test's own folder, not ./data.
		env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', ...dataDir(), ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	let output = ''
	const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
	return new Promise((resolve, reject) => {
		const onData = (chunk: Buffer) => {
			output += chunk.toString()
			const port = /Listening on http:\/\/localhost:(\d+)/.exec(output)?.[1]
			if (port) {
				child.stdout.off('data', onData)
				child.stdout.on('data', (more: Buffer) => (output += more.toString()))
				resolve({
					url: `http://127.0.0.1:${port}`,
					pid: child.pid!,
					output: () => output,
					stop: async () => {
						child.kill('SIGTERM')
						await exited
					},
					kill: async () => {
						child.kill('SIGKILL')
						await exited
					},
				})
			}
		}
		child.stdout.on('data', onData)
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
		void exited.then((code) => reject(Object.assign(new Error(`server exited with ${code}:\n${output}`), { code, output })))
	})
}

/** Runs the server expecting it to refuse to start. */
export async function startServerExpectingFailure(env: Record<string, string>): Promise<ServerExit> {
	try {
		const server = await startServer(env)
		await server.stop()
		throw new Error('the server started')
	} catch (error) {
		const { code, output } = error as { code?: number | null; output?: string }
		if (output === undefined) throw error
		return { code: code ?? null, output }
	}
}

/**
 * The server on this test file's own database and the fixture courses, for suites that build
 * their records here and then ask the server (the test sets SESSION_SECRET first, in
 * vi.hoisted, so that both sign cookies alike).
 */
export function startServerOnTestDatabase(): Promise<RunningServer> {
	return startServer({
		DATABASE_URL: getEnv().DATABASE_URL,
		SESSION_SECRET: process.env.SESSION_SECRET!,
		COURSES_DIR: path.join(ROOT, 'tests/fixtures/courses'),
	})
}
