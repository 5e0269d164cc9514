// Prisma's schema engine as WebAssembly: the same engine as `prisma migrate diff`, runnable
// offline (docs/decisions/002-offline-prisma.md). Used by development tooling only; the server
// applies migrations with app/utils/db-migrations.server.ts.
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import {
	bindMigrationAwareSqlAdapterFactory,
	type SqlDriverAdapter,
} from '@prisma/driver-adapter-utils'
import pg from 'pg'
import type { SchemaEngine as WasmSchemaEngine } from '@prisma/schema-engine-wasm'
import type * as WasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg'
import { readMigrationDirectories, type MigrationDir } from '~/utils/db-migrations.server.ts'

const require = createRequire(import.meta.url)

type Bindings = typeof WasmBindings
let bindings: Promise<Bindings> | undefined

function loadBindings(): Promise<Bindings> {
	bindings ??= (async () => {
		const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
		const module: Bindings = await import('@prisma/schema-engine-wasm/schema_engine_bg')
		const bytes = await readFile(bgPath.replace(/\.js$/, '.wasm'))
		const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': module })
		module.__wbg_set_wasm(instance.exports)
		;(instance.exports as { __wbindgen_start: () => void }).__wbindgen_start()
		return module
	})()
	return bindings
}

// Shadow-database steps send whole scripts through executeRaw, which better-sqlite3 refuses
// ("more than one statement"): run those as scripts instead.
class ScriptTolerantSqlite extends PrismaBetterSqlite3 {
	override async connect(): Promise<SqlDriverAdapter> {
		return tolerateScripts(await super.connect())
	}
	override async connectToShadowDb(): Promise<SqlDriverAdapter> {
		return tolerateScripts(await super.connectToShadowDb())
	}
}

function tolerateScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
	const executeRaw = adapter.executeRaw.bind(adapter)
	adapter.executeRaw = async (query) => {
		try {
			return await executeRaw(query)
		} catch (error) {
			if (query.args.length > 0 || !String(error).includes('more than one statement')) throw error
			await adapter.executeScript(query.sql)
			return 0
		}
	}
	return adapter
}

// Two gaps of the adapter when the schema engine drives it, bridged for tooling only: the catalog
// columns of type "char" (pg_class.relkind, …) have no column type in the adapter, so they are
// read as text; and its own shadow database is dropped while its pool still holds a connection,
// which PostgreSQL refuses, so the pool closes first.
const PG_CHAR = 18
const PG_TEXT = 25

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>

function readCharAsText(adapter: PgAdapter): PgAdapter {
	const io = adapter as unknown as { performIO(query: unknown): Promise<{ fields: { dataTypeID: number }[] }> }
	const performIO = io.performIO.bind(adapter)
	io.performIO = async (query) => {
		const result = await performIO(query)
		for (const field of result.fields) if (field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT
		return result
	}
	return adapter
}

class ShadowOnSameServerPg extends PrismaPg {
	constructor(private readonly fields: pg.PoolConfig) {
		super(fields)
	}
	override async connect() {
		return readCharAsText(await super.connect())
	}
	override async connectToShadowDb() {
		const database = `prisma_shadow_${randomUUID().replaceAll('-', '')}`
		await this.onServer(`CREATE DATABASE "${database}"`)
		const adapter = readCharAsText(await new PrismaPg({ ...this.fields, database }).connect())
		const dispose = adapter.dispose.bind(adapter)
		adapter.dispose = async () => {
			await dispose()
			await this.onServer(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
		}
		return adapter
	}
	private async onServer(sql: string) {
		const client = new pg.Client(this.fields)
		await client.connect()
		try {
			await client.query(sql)
		} finally {
			await client.end()
		}
	}
}

export type Engine = Pick<WasmSchemaEngine, 'diff' | 'applyMigrations' | 'diagnoseMigrationHistory'> & {
	free(): void
}

/** An engine bound to a SQLite file (":memory:" when only diffing). */
export async function openSchemaEngine(schema: string, databasePath = ':memory:'): Promise<Engine> {
	const { SchemaEngine } = await loadBindings()
	const factory = new ScriptTolerantSqlite({ url: databasePath }, { shadowDatabaseUrl: ':memory:' })
	return SchemaEngine.new(
		{ datamodels: [['schema.prisma', schema]] },
		() => {},
		bindMigrationAwareSqlAdapterFactory(factory),
	)
}

/** An engine bound to a PostgreSQL database; its shadow databases are made on the same server. */
export async function openPostgresSchemaEngine(schema: string, url: string): Promise<Engine> {
	const { SchemaEngine } = await loadBindings()
	// Fields, not a connection string: the adapter names the shadow database by overriding
	// `database`, which a connection string would override back.
	const parsed = new URL(url)
	const factory = new ShadowOnSameServerPg({
		host: parsed.hostname,
		port: Number(parsed.port || 5432),
		user: decodeURIComponent(parsed.username),
		password: decodeURIComponent(parsed.password) || undefined,
		database: decodeURIComponent(parsed.pathname.slice(1)),
	})
	return SchemaEngine.new(
		{ datamodels: [['schema.prisma', schema]] },
		() => {},
		bindMigrationAwareSqlAdapterFactory(factory),
	)
}

export type Provider = 'sqlite' | 'postgresql'

export function migrationList(
	migrationsDir: string,
	dirs: MigrationDir[] = readMigrationDirectories(migrationsDir),
	provider: Provider = 'sqlite',
) {
	return {
		baseDir: migrationsDir,
		lockfile: { path: 'migration_lock.toml', content: `provider = "${provider}"\n` },
		shadowDbInitScript: '',
		migrationDirectories: dirs.map((dir) => ({
			path: dir.name,
			migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: dir.sql } },
		})),
	}
}

/**
 * The SQL that takes a database built from the migrations to the schema ("" when they agree).
 * SQLite replays the migrations in memory; PostgreSQL in a shadow database on the server `postgresUrl` names.
 */
export async function pendingSchemaChanges(schema: string, migrationsDir: string, postgresUrl?: string): Promise<string> {
	const engine = postgresUrl ? await openPostgresSchemaEngine(schema, postgresUrl) : await openSchemaEngine(schema)
	const provider: Provider = postgresUrl ? 'postgresql' : 'sqlite'
	try {
		const result = await engine.diff({
			from: { tag: 'migrations', ...migrationList(migrationsDir, undefined, provider) },
			to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] },
			script: true,
			exitCode: null,
			filters: { externalTables: [], externalEnums: [] },
		})
		const sql = result.stdout ?? ''
		return /^\s*(-- This is an empty migration\.)?\s*$/.test(sql) ? '' : sql
	} finally {
		engine.free()
	}
}
