import { mkdirSync, rmSync } from 'node:fs'
import type { TestProject } from 'vitest/node'
import { ensureBuild } from '../../app/server/ensure-build.ts'
import { applyMigrations } from '../../app/utils/db-migrations.server.ts'
import { baseDbIn, MIGRATIONS_DIR, projectTmpDir } from './paths.ts'

declare module 'vitest' {
	export interface ProvidedContext {
		/** The project's scratch folder (tests read it through ./tmp.ts). */
		tmpDir: string
	}
}

export default function setup(project: TestProject) {
	const tmpDir = projectTmpDir(project.name)
	rmSync(tmpDir, { recursive: true, force: true })
	mkdirSync(tmpDir, { recursive: true })
	applyMigrations(baseDbIn(tmpDir), MIGRATIONS_DIR)
	project.provide('tmpDir', tmpDir)
	// Server and bundle tests use the production build; build it once, before any test runs.
	ensureBuild()
}
