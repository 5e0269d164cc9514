// `npm run db:check`: fails when schema.prisma and prisma/migrations disagree.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pendingSchemaChanges } from './schema-engine.ts'

const prismaDir = path.resolve(import.meta.dirname, '..')
const schema = readFileSync(path.join(prismaDir, 'schema.prisma'), 'utf8')
const sql = await pendingSchemaChanges(schema, path.join(prismaDir, 'migrations'))
if (sql) {
	console.error('prisma/schema.prisma has changes that no migration records:\n')
	console.error(sql)
	console.error('Create one with: npm run db:migration -- <name>')
	process.exit(1)
}
console.log('schema.prisma and prisma/migrations agree.')
