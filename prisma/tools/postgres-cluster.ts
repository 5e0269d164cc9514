// A throwaway PostgreSQL cluster for tools and tests: initdb in a temporary folder, a free
// loopback port, a Unix socket in that folder, stopped and deleted afterwards. PostgreSQL refuses
// to run as root, so under root the server runs as the `postgres` user (runuser).
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

export const INSTALL_COMMAND = 'sudo apt-get update && sudo apt-get install -y postgresql'

export class PostgresMissingError extends Error {
	constructor() {
		super(`PostgreSQL's server programs (initdb, pg_ctl) are not installed. Install them with:\n  ${INSTALL_COMMAND}`)
	}
}

/** Debian keeps each major version's programs in /usr/lib/postgresql/<major>/bin; PG_BIN overrides. */
export function postgresBinDir(): string {
	if (process.env.PG_BIN) return process.env.PG_BIN
	const root = '/usr/lib/postgresql'
	const majors = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)).map(Number) : []
	const newest = majors.filter((major) => major >= 15 && existsSync(path.join(root, String(major), 'bin/initdb'))).sort((a, b) => b - a)[0]
	if (newest === undefined) throw new PostgresMissingError()
	return path.join(root, String(newest), 'bin')
}

export type Cluster = {
	/** postgresql://postgres@127.0.0.1:PORT/<database> */
	url(database?: string): string
	port: number
	dataDir: string
	binDir: string
	/** Runs one of PostgreSQL's programs (pg_dump, psql, …) as the cluster's owner. */
	run(program: string, args: string[], options?: { input?: string }): string
	stop(): void
}

export type ClusterOptions = {
	/** Tests only: no fsync. A crash of the machine could lose commits, a crash of the app cannot. */
	fast?: boolean
	/** Extra `-c name=value` settings. */
	settings?: Record<string, string>
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer()
		probe.once('error', reject)
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address()
			const port = typeof address === 'object' && address ? address.port : 0
			probe.close(() => resolve(port))
		})
	})
}

const asRoot = () => process.getuid?.() === 0

function postgresIds(): { uid: number; gid: number } {
	const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
	const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
	return { uid, gid }
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
	const binDir = postgresBinDir()
	const dir = mkdtempSync(path.join(tmpdir(), 'qorgau-pg-'))
	if (asRoot()) {
		const { uid, gid } = postgresIds()
		chownSync(dir, uid, gid)
	}
	chmodSync(dir, 0o700)
	const dataDir = path.join(dir, 'data')
	const run = (program: string, args: string[], runOptions: { input?: string } = {}) => {
		const file = path.join(binDir, program)
		const [command, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args]
		const result = spawnSync(command, argv, { encoding: 'utf8', cwd: dir, input: runOptions.input, maxBuffer: 1 << 30 })
		if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed:\n${result.stderr || result.stdout}`)
		return result.stdout
	}
	// C.UTF-8 sorts by code point, as SQLite does: the same order on both engines.
	run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'])
	const settings: Record<string, string> = {
		listen_addresses: '127.0.0.1',
		max_connections: '300',
		...(options.fast ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
		...options.settings,
	}
	const flags = Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`).join(' ')
	let port = 0
	for (let attempt = 0; ; attempt++) {
		port = await freePort()
		try {
			run('pg_ctl', ['-D', dataDir, '-l', path.join(dir, 'server.log'), '-o', `-p ${port} -k ${dir} ${flags}`, '-w', 'start'])
			break
		} catch (error) {
			// Another process took the port between the probe and the start: try another.
			if (attempt >= 3) throw error
		}
	}
	let stopped = false
	const stop = () => {
		if (stopped) return
		stopped = true
		try {
			run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop'])
		} finally {
			rmSync(dir, { recursive: true, force: true })
		}
	}
	process.once('exit', stop)
	return {
		url: (database = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${database}`,
		port,
		dataDir,
		binDir,
		run,
		stop,
	}
}
