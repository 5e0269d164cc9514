import path from 'node:path'

export const ROOT = path.resolve(import.meta.dirname, '../..')
export const MIGRATIONS_DIR = path.join(ROOT, 'prisma/migrations')
export const SCHEMA_PATH = path.join(ROOT, 'prisma/schema.prisma')

/**
 * Each test project's scratch folder: `npm test` and `npm run test:e2e` can run at the same time,
 * and a run clears only its own. Tests read theirs from `./tmp.ts`.
 */
export function projectTmpDir(projectName: string) {
	return path.join(ROOT, 'tests/.tmp', projectName)
}
/** A database made from the migrations once per run; tests copy it instead of migrating. */
export const baseDbIn = (tmpDir: string) => path.join(tmpDir, 'base.db')
