// Prisma's schema engine as WebAssembly: the same engine as `prisma migrate diff`, runnable
// offline (docs/decisions/002-offline-prisma.md). Used by development tooling only; the server
// applies migrations with app/utils/db-migrations.server.ts.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import {
	bindMigrationAwareSqlAdapterFactory,
	type SqlDriverAdapter,
} from '@prisma/driver-adapter-utils'
import type { SchemaEngine as WasmSchemaEngine } from '@prisma/schema-engine-wasm'
import type * as WasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg'
import { readMigrationDirectories, type MigrationDir } from '../../app/utils/db-migrations.server.ts'

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

export function migrationList(migrationsDir: string, dirs: MigrationDir[] = readMigrationDirectories(migrationsDir)) {
	return {
		baseDir: migrationsDir,
		lockfile: { path: 'migration_lock.toml', content: 'provider = "sqlite"\n' },
		shadowDbInitScript: '',
		migrationDirectories: dirs.map((dir) => ({
			path: dir.name,
			migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: dir.sql } },
		})),
	}
}

/** The SQL that takes a database built from the migrations to the schema ("" when they agree). */
export async function pendingSchemaChanges(schema: string, migrationsDir: string): Promise<string> {
	const engine = await openSchemaEngine(schema)
	try {
		const result = await engine.diff({
			from: { tag: 'migrations', ...migrationList(migrationsDir) },
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
