// `npm start` builds only when the production build is missing or older than its sources.
import { execSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const OUTPUTS = ['build/server.js', 'build/server/index.js']
const SOURCES = ['app', 'public', 'package-lock.json', 'remix.config.js', 'vite.config.ts', 'tsconfig.json']

function newestChange(entry: string): number {
	if (!existsSync(entry)) return 0
	const stat = statSync(entry)
	if (!stat.isDirectory()) return stat.mtimeMs
	return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))))
}

function buildIsStale(): boolean {
	if (!OUTPUTS.every((file) => existsSync(file))) return true
	const built = Math.min(...OUTPUTS.map((file) => statSync(file).mtimeMs))
	return Math.max(...SOURCES.map(newestChange)) > built
}

export function ensureBuild() {
	if (!buildIsStale()) return
	console.log('[qorgau] Building the production app…')
	// Under a test runner, VITEST is set (it would turn vite.config.ts's Remix plugin off) and
	// NODE_ENV is "test" (it would bundle React's development build): build as production does.
	const { VITEST: _vitest, ...env } = process.env
	execSync('npm run build', { stdio: 'inherit', env: { ...env, NODE_ENV: 'production' } })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) ensureBuild()
