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
		wrapPrepare(adapter)
		return adapter
	}
}

/** What the adapter asks of a better-sqlite3 statement (dist/index.mjs: performIO, executeIO). */
type Statement = {
	reader: boolean
	run(...args: unknown[]): unknown
	columns(): unknown[]
	raw(on: boolean): { all(...args: unknown[]): unknown[] }
}
type BoundStatement = { reader: boolean; run(): unknown; columns(): unknown[]; raw(): { all(): unknown[] } }

/**
 * Distinct statements kept prepared per connection, the least recently run forgotten first: the
 * busy requests run a few dozen; lists of ids (`IN (?, ?, …)`) make a text for each length.
 */
const STATEMENT_CACHE = 250

/**
 * The adapter's connection `prepare`, wrapped for two reasons.
 * - Transactions take the write lock when they begin (BEGIN IMMEDIATE), not at their first
 *   write. A deferred transaction that reads first (an upsert, a read-then-write) holds a
 *   snapshot; if another process commits before it writes, SQLite refuses the write at once with
 *   SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out. With several workers on one file that
 *   failed lesson completions under load (README "Performance"). The adapter runs a plain "BEGIN"
 *   and offers no option.
 * - The adapter prepares every statement afresh, each time it runs: 6 % of a quiz submission's
 *   CPU (780 ms of 12.9 s in a profile; 350 ms with this, issue 18). Statements are kept by their
 *   text and bound per run instead (better-sqlite3 binds a statement's parameters once for good,
 *   so `bind` here only remembers them). Every call runs to completion synchronously, so one
 *   statement never serves two calls at once.
 */
function wrapPrepare(adapter: SqlDriverAdapter) {
	const client = (adapter as unknown as { client: { prepare: (sql: string) => unknown } }).client
	const prepare = client.prepare.bind(client) as (sql: string) => Statement
	const prepared = new Map<string, Statement>()
	const cached = (sql: string) => {
		let statement = prepared.get(sql)
		// Kept in the order last run: the oldest is the first key.
		if (statement) prepared.delete(sql)
		else {
			const fresh = prepare(sql)
			// A statement's columns never change: asked once (another 1 % of a quiz submission).
			let columns: unknown[] | undefined
			statement = { reader: fresh.reader, run: (...args) => fresh.run(...args), columns: () => (columns ??= fresh.columns()), raw: (on) => fresh.raw(on) }
			// A forgotten statement is finalised by the garbage collector.
			if (prepared.size >= STATEMENT_CACHE) prepared.delete(prepared.keys().next().value!)
		}
		prepared.set(sql, statement)
		return statement
	}
	client.prepare = (sql: string) => {
		const statement = cached(sql === 'BEGIN' ? 'BEGIN IMMEDIATE' : sql)
		return {
			reader: statement.reader,
			run: () => statement.run(),
			bind: (args: unknown[]): BoundStatement => ({
				reader: statement.reader,
				run: () => statement.run(...args),
				columns: () => statement.columns(),
				raw: () => ({ all: () => statement.raw(true).all(...args) }),
			}),
		}
	}
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
