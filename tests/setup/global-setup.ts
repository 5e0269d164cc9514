import { mkdirSync, rmSync } from 'node:fs'
import { applyMigrations } from '../../app/utils/db-migrations.server.ts'
import { BASE_DB, MIGRATIONS_DIR, TMP_DIR } from './paths.ts'

export default function setup() {
	rmSync(TMP_DIR, { recursive: true, force: true })
	mkdirSync(TMP_DIR, { recursive: true })
	applyMigrations(BASE_DB, MIGRATIONS_DIR)
}
