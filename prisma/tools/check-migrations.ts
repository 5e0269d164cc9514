// `npm run db:check`: fails when schema.prisma, the derived PostgreSQL schema and either
// migrations folder disagree (decision 016).
import { pendingChanges } from './migration-sets.ts'

const pending = await pendingChanges()
const problems: string[] = []
if (pending.derivedSchemaStale) problems.push('prisma/postgres/schema.prisma is not derived from the current prisma/schema.prisma.')
if (pending.sqlite) problems.push(`prisma/schema.prisma has changes that no SQLite migration records:\n\n${pending.sqlite}`)
if (pending.postgresql) problems.push(`prisma/schema.prisma has changes that no PostgreSQL migration records:\n\n${pending.postgresql}`)
if (problems.length > 0) {
	for (const problem of problems) console.error(problem)
	console.error('Write them with: npm run db:migration -- <name>')
	process.exit(1)
}
console.log('schema.prisma, prisma/postgres/schema.prisma and both migration sets agree.')
