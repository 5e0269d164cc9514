// How Qorgau opens its SQLite file through Prisma. Connection pragmas are set on every
// connection the adapter opens (docs/decisions/004-sqlite-pragmas.md).
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils'
import { PrismaClient } from '~/generated/prisma/client.ts'

export const BUSY_TIMEOUT_MS = 5000

class QorgauSqlite extends PrismaBetterSqlite3 {
	override async connect(): Promise<SqlDriverAdapter> {
		const adapter = await super.connect()
		// foreign_keys: SQLite ignores the schema's delete rules unless this is on, per connection.
		// synchronous=FULL: in WAL mode, a commit is on disk before we answer (no acknowledged
		// write lost, even on power loss).
		await adapter.executeScript('PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;')
		beginImmediately(adapter)
		return adapter
	}
}

/**
 * Transactions take the write lock when they begin (BEGIN IMMEDIATE), not at their first write.
 * A deferred transaction that reads first (an upsert, a read-then-write) holds a snapshot; if
 * another process commits before it writes, SQLite refuses the write at once with
 * SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out. With several workers on one file that
 * failed lesson completions under load (README "Performance"). The adapter runs a plain "BEGIN"
 * and offers no option, so its connection's `prepare` is wrapped for that one statement.
 */
function beginImmediately(adapter: SqlDriverAdapter) {
	const client = (adapter as unknown as { client: { prepare: (sql: string) => unknown } }).client
	const prepare = client.prepare.bind(client)
	client.prepare = (sql: string) => prepare(sql === 'BEGIN' ? 'BEGIN IMMEDIATE' : sql)
}

export function createPrismaClient(databasePath: string, options: { queryEvents?: boolean } = {}) {
	return new PrismaClient({
		// timeout = busy_timeout: wait for a concurrent writer instead of failing with SQLITE_BUSY.
		adapter: new QorgauSqlite({ url: databasePath, timeout: BUSY_TIMEOUT_MS }),
		// Tests count queries (a page's query budget); nothing else listens.
		log: options.queryEvents ? [{ emit: 'event', level: 'query' }] : [],
	})
}
