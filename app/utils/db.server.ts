// The app's one Prisma client, on the database the environment names (SQLite or PostgreSQL).
import { getEnv } from '~/utils/env.server.ts'
import { createPrismaClient } from '~/utils/prisma-client.server.ts'

declare global {
	var __qorgauPrisma: ReturnType<typeof createPrismaClient> | undefined
}

// Kept on globalThis so development reloads reuse one connection.
export const prisma = (globalThis.__qorgauPrisma ??= createPrismaClient(getEnv().database, {
	queryEvents: getEnv().NODE_ENV === 'test',
}))
