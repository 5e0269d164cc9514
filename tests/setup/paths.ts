import path from 'node:path'

export const ROOT = path.resolve(import.meta.dirname, '../..')
export const TMP_DIR = path.join(ROOT, 'tests/.tmp')
export const MIGRATIONS_DIR = path.join(ROOT, 'prisma/migrations')
export const SCHEMA_PATH = path.join(ROOT, 'prisma/schema.prisma')
/** A database made from the migrations once per run; tests copy it instead of migrating. */
export const BASE_DB = path.join(TMP_DIR, 'base.db')
