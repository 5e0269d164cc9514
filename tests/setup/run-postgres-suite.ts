// `npm run test:pg [-- vitest arguments]`: the unit and integration suites on PostgreSQL. Starts a
// throwaway cluster, migrates one template database, and lets each test file copy it
// (tests/setup/database.ts); the cluster is stopped and deleted afterwards.
import { spawnSync } from 'node:child_process'
import pg from 'pg'
import { migrateDatabase } from '../../app/utils/db-migrate.server.ts'
import { PostgresMissingError, startCluster } from '../../prisma/tools/postgres-cluster.ts'
import { POSTGRES_TEMPLATE } from './engine.ts'
import { ROOT } from './paths.ts'

let cluster
try {
	cluster = await startCluster({ fast: true })
} catch (error) {
	if (!(error instanceof PostgresMissingError)) throw error
	console.error(error.message)
	process.exit(1)
}
try {
	const admin = new pg.Client({ connectionString: cluster.url() })
	await admin.connect()
	await admin.query(`CREATE DATABASE ${POSTGRES_TEMPLATE}`)
	await admin.end()
	await migrateDatabase({ engine: 'postgresql', url: cluster.url(POSTGRES_TEMPLATE), poolSize: 1 }, ROOT)
	console.log(`PostgreSQL ${cluster.binDir} on port ${cluster.port}: running the unit and integration suites`)
	const result = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'unit', ...process.argv.slice(2)], {
		cwd: ROOT,
		stdio: 'inherit',
		env: { ...process.env, QORGAU_TEST_POSTGRES: cluster.url() },
	})
	process.exitCode = result.status ?? 1
} finally {
	cluster.stop()
}
