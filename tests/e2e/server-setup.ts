// Browser tests run against one production server with a database of their own.
import { existsSync, mkdtempSync } from 'node:fs'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { CHROMIUM_PATH } from './chromium-path.ts'
import { projectTmpDir, ROOT } from '../setup/paths.ts'
import { startServer } from '../setup/server.ts'

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string
		/** Where the server writes the mail it sends (no mail server in tests): links are read from it. */
		outboxDir: string
	}
}

export default async function setup(project: TestProject) {
	if (!existsSync(CHROMIUM_PATH)) {
		throw new Error(`Chromium is missing (${CHROMIUM_PATH}). Install it with: sudo apt-get update && sudo apt-get install -y chromium`)
	}
	const dir = mkdtempSync(path.join(projectTmpDir(project.name), 'e2e-'))
	// The fixture courses keep journeys independent of content edits.
	const server = await startServer({
		DATABASE_URL: `file:${path.join(dir, 'qorgau.db')}`,
		COURSES_DIR: path.join(ROOT, 'tests/fixtures/courses'),
		// Each browser context says who it is with X-Forwarded-For (browser.ts).
		TRUST_PROXY: '1',
	})
	project.provide('baseUrl', server.url)
	project.provide('outboxDir', path.join(dir, 'outbox'))
	return () => server.stop()
}
