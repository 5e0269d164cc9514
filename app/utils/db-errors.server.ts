// What a failed write means, for the callers that expect one kind of failure and recover from it.
import { Prisma } from '~/generated/prisma/client.ts'

/** A unique key refused the write: someone else wrote the same thing first. */
export const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'
