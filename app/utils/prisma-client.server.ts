// How Qorgau opens its database through Prisma: the SQLite file (the embedded default) or
// PostgreSQL, each with the client generated from its schema (decision 016). Both clients come
// from the same models, so the app sees one type. SQLite's connection pragmas are set on every
// connection the adapter opens (docs/decisions/004-sqlite-pragmas.md).
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils'
import { PrismaClient } from '~/generated/prisma/client.ts'
import { PrismaClient as PostgresPrismaClient } from '~/generated/prisma-pg/client.ts'
import type { DatabaseTarget } from '~/utils/env.server.ts'

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

type DatabasePool = { total: number; idle: number; waiting: number }

/** Connections of the PostgreSQL pools this process opened, for /metrics. */
const pools = new Set<{ totalCount: number; idleCount: number; waitingCount: number }>()
export function poolStatistics(): DatabasePool | undefined {
	if (pools.size === 0) return undefined
	let total = 0, idle = 0, waiting = 0
	for (const pool of pools) {
		total += pool.totalCount
		idle += pool.idleCount
		waiting += pool.waitingCount
	}
	return { total, idle, waiting }
}

class QorgauPostgres extends PrismaPg {
	override async connect() {
		const adapter = await super.connect()
		const pool = adapter.underlyingDriver()
		pools.add(pool)
		const dispose = adapter.dispose.bind(adapter)
		adapter.dispose = async () => {
			pools.delete(pool)
			await dispose()
		}
		return adapter
	}
}

export function createPrismaClient(database: DatabaseTarget, options: { queryEvents?: boolean } = {}): PrismaClient {
	// Tests count queries (a page's query budget); nothing else listens.
	const log = options.queryEvents ? [{ emit: 'event' as const, level: 'query' as const }] : []
	if (database.engine === 'postgresql') {
		const adapter = new QorgauPostgres({ connectionString: database.url, max: database.poolSize })
		// The same models and the same generated API; only the provider differs.
		return new PostgresPrismaClient({ adapter, log }) as unknown as PrismaClient
	}
	// timeout = busy_timeout: wait for a concurrent writer instead of failing with SQLITE_BUSY.
	return new PrismaClient({ adapter: new QorgauSqlite({ url: database.path, timeout: BUSY_TIMEOUT_MS }), log })
}
