import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { defineConfig } from 'prisma/config'

// The Prisma CLI insists on a native schema engine before `generate`, and downloading one is
// impossible offline. `generate` never runs that engine, so when none is installed we point the
// documented override at an executable that exists (Node itself). Migrations do not use the CLI:
// see docs/decisions/002-offline-prisma.md and scripts/db/.
function installedSchemaEngine(): string | undefined {
	const dir = path.join(import.meta.dirname, 'node_modules/@prisma/engines')
	if (!existsSync(dir)) return undefined
	const engine = readdirSync(dir).find((name) => name.startsWith('schema-engine'))
	return engine ? path.join(dir, engine) : undefined
}
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= installedSchemaEngine() ?? process.execPath

export default defineConfig({
	schema: 'prisma/schema.prisma',
	migrations: { path: 'prisma/migrations' },
	datasource: { url: process.env.DATABASE_URL ?? 'file:./data/qorgau.db' },
})
