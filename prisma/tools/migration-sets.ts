// The two migration sets (decision 016): prisma/migrations for SQLite from schema.prisma, and
// prisma/postgres/migrations for PostgreSQL from the schema derived from it. Replaying the
// PostgreSQL set needs a server: a throwaway cluster, or the one POSTGRES_CHECK_URL names.
import { existsSync, readFileSync } from 'node:fs'
import { startCluster } from './postgres-cluster.ts'
import { derivePostgresSchema, POSTGRES_MIGRATIONS, POSTGRES_SCHEMA, readSqliteSchema, SQLITE_MIGRATIONS } from './postgres-schema.ts'
import { pendingSchemaChanges } from './schema-engine.ts'

export type Pending = { sqlite: string; postgresql: string; derivedSchema: string; derivedSchemaStale: boolean }

export async function pendingChanges(): Promise<Pending> {
	const sqliteSchema = readSqliteSchema()
	const derivedSchema = derivePostgresSchema(sqliteSchema)
	const derivedSchemaStale = !existsSync(POSTGRES_SCHEMA) || readFileSync(POSTGRES_SCHEMA, 'utf8') !== derivedSchema
	const sqlite = await pendingSchemaChanges(sqliteSchema, SQLITE_MIGRATIONS)
	const given = process.env.POSTGRES_CHECK_URL
	const cluster = given ? undefined : await startCluster({ fast: true })
	try {
		const postgresql = await pendingSchemaChanges(derivedSchema, POSTGRES_MIGRATIONS, given ?? cluster!.url())
		return { sqlite, postgresql, derivedSchema, derivedSchemaStale }
	} finally {
		cluster?.stop()
	}
}
