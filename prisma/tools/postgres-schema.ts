// The PostgreSQL schema is derived from prisma/schema.prisma, the one source of truth: the same
// models with the postgresql provider and a client of its own (Prisma fixes the provider when it
// generates a client). Decision 016.
import { readFileSync } from 'node:fs'
import path from 'node:path'

const prismaDir = path.resolve(import.meta.dirname, '..')
export const SQLITE_SCHEMA = path.join(prismaDir, 'schema.prisma')
export const SQLITE_MIGRATIONS = path.join(prismaDir, 'migrations')
export const POSTGRES_SCHEMA = path.join(prismaDir, 'postgres/schema.prisma')
export const POSTGRES_MIGRATIONS = path.join(prismaDir, 'postgres/migrations')

const HEADER = `// GENERATED from prisma/schema.prisma by \`npm run db:migration\`: do not edit.
// The same models for PostgreSQL (docs/decisions/016-postgresql-and-several-instances.md).
`

export function derivePostgresSchema(sqliteSchema: string): string {
	const replace = (text: string, pattern: RegExp, replacement: string) => {
		if (!pattern.test(text)) throw new Error(`prisma/schema.prisma: cannot derive the PostgreSQL schema, ${pattern} not found`)
		return text.replace(pattern, replacement)
	}
	let schema = replace(sqliteSchema, /(datasource db \{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"')
	schema = replace(schema, /(generator client \{[^}]*output\s*=\s*)"\.\.\/app\/generated\/prisma"/, '$1"../../app/generated/prisma-pg"')
	return HEADER + schema
}

export const readSqliteSchema = () => readFileSync(SQLITE_SCHEMA, 'utf8')
