// `npm run test:pg`: the integration tests whose outcome depends on the database engine, on
// PostgreSQL (decision 016 says which and why). `npm run test:pg -- --all` runs every unit and
// integration suite there; `npm run test:pg -- tests/x.test.ts` one file. Starts a throwaway
// cluster, migrates one template database, and lets each test file copy it
// (tests/setup/database.ts); the cluster is stopped and deleted afterwards.
import { spawnSync } from 'node:child_process'
import pg from 'pg'
import { migrateDatabase } from '../../app/utils/db-migrate.server.ts'
import { PostgresMissingError, startCluster } from '../../prisma/tools/postgres-cluster.ts'
import { POSTGRES_TEMPLATE } from './engine.ts'
import { ROOT } from './paths.ts'

/**
 * Where the engine decides the outcome: transactions and races (conditional claims, unique keys
 * under concurrency), numbering (certificate issue numbers, status-list indexes), the job queue,
 * rate limits and lock-outs, constraints and delete rules, PostgreSQL's own migrations, copy and
 * restore. What is left out only renders pages or checks pure code over the same Prisma queries;
 * a new test file that races writes or counts on the database belongs here.
 */
const ENGINE_TESTS = [
	'tests/integration/postgres.test.ts',
	'tests/integration/db.test.ts',
	'tests/integration/job-queue.test.ts',
	'tests/unit/utils/rate-limit.server.test.ts',
	'tests/integration/sign-in-throttle.test.ts',
	'tests/integration/write-limits.test.ts',
	'tests/integration/signup-privacy.test.ts',
	'tests/integration/accounts.test.ts',
	'tests/integration/identity.test.ts',
	'tests/integration/certificate-race.test.ts',
	'tests/integration/certificates.test.ts',
	'tests/integration/open-badges.test.ts',
	'tests/integration/recertification.test.ts',
	'tests/integration/quiz.test.ts',
	'tests/integration/assessment.test.ts',
	'tests/integration/pupils.test.ts',
	'tests/integration/organisations.test.ts',
	'tests/integration/org-management.test.ts',
	'tests/integration/join-race.test.ts',
	'tests/integration/learner-summary.test.ts',
	// Plain SQL: filters, order (NULLs, the name keys), paging and counts on each engine.
	'tests/integration/group-dashboard.test.ts',
	// Plain SQL: which organisations' stores hear of a completion or an attempt.
	'tests/integration/xapi-outbox.test.ts',
	// Plain SQL: a learner's cards (dates, floats, integers) read back on each engine.
	'tests/integration/review.test.ts',
]

const given = process.argv.slice(2)
const all = given.includes('--all')
const chosen = given.filter((arg) => arg !== '--all')
// Files named on the command line, or every suite, or the engine tests.
const files = all || chosen.some((arg) => !arg.startsWith('-')) ? chosen : [...ENGINE_TESTS, ...chosen]

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
	console.log(`PostgreSQL ${cluster.binDir} on port ${cluster.port}: running ${all ? 'every unit and integration suite' : files === chosen ? 'the files named' : 'the engine tests (decision 016)'}`)
	const result = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'unit', ...files], {
		cwd: ROOT,
		stdio: 'inherit',
		env: { ...process.env, QORGAU_TEST_POSTGRES: cluster.url() },
	})
	process.exitCode = result.status ?? 1
} finally {
	cluster.stop()
}
