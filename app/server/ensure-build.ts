// `npm start` builds only when the production build is missing or older than its sources.
import { execSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const OUTPUTS = ['build/server.js', 'build/server/index.js']
const SOURCES = ['app', 'public', 'package-lock.json', 'remix.config.js', 'vite.config.ts', 'tsconfig.json']

function newestChange(entry: string): number {
	if (!existsSync(entry)) return 0
	const stat = statSync(entry)
	if (!stat.isDirectory()) return stat.mtimeMs
	return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))))
}

export function buildIsStale(): boolean {
	if (!OUTPUTS.every((file) => existsSync(file))) return true
	const built = Math.min(...OUTPUTS.map((file) => statSync(file).mtimeMs))
	return Math.max(...SOURCES.map(newestChange)) > built
}

if (buildIsStale()) {
	console.log('[qorgau] Building the production app…')
	execSync('npm run build', { stdio: 'inherit' })
}
