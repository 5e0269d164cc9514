// Which engine this run tests. `npm run test:pg` sets QORGAU_TEST_POSTGRES to a throwaway
// cluster's address (tests/setup/run-postgres-suite.ts); otherwise every test runs on SQLite.
export const TEST_POSTGRES = process.env.QORGAU_TEST_POSTGRES
export const onPostgres = TEST_POSTGRES !== undefined
/** The migrated database each test file's own is copied from (CREATE DATABASE … TEMPLATE). */
export const POSTGRES_TEMPLATE = 'qorgau_template'

export function postgresUrl(database: string): string {
	const url = new URL(TEST_POSTGRES!)
	url.pathname = `/${database}`
	return url.toString()
}
