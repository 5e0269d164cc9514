import { mkdirSync, rmSync } from 'node:fs'
import { ensureBuild } from '../../app/server/ensure-build.ts'
import { applyMigrations } from '../../app/utils/db-migrations.server.ts'
import { BASE_DB, MIGRATIONS_DIR, TMP_DIR } from './paths.ts'

export default function setup() {
	rmSync(TMP_DIR, { recursive: true, force: true })
	mkdirSync(TMP_DIR, { recursive: true })
	applyMigrations(BASE_DB, MIGRATIONS_DIR)
	// Server and bundle tests use the production build; build it once, before any test runs.
	ensureBuild()
}
