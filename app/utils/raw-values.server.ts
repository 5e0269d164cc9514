// Values as plain SQL hands them back, made the same on both engines: SQLite (through the
// better-sqlite3 adapter) gives integers as number or bigint, booleans as 0/1 and dates as its
// stored text or number; PostgreSQL gives numbers, booleans and Dates.
export type RawDate = Date | string | number | bigint
export type RawNumber = number | bigint

export const rawDate = (value: RawDate): Date => (value instanceof Date ? value : new Date(typeof value === 'bigint' ? Number(value) : value))

export const rawNumber = (value: RawNumber): number => Number(value)
