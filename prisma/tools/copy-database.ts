// `npm run db:copy -- --from file:./data/qorgau.db --to postgresql://…`: moves a school's SQLite
// database up to PostgreSQL (decision 016). Both are migrated first (so both have the same
// tables); every row is upserted by primary key in one PostgreSQL transaction, parents before
// children; then each table is verified (row count and a checksum of its content). Rerunning
// updates what changed in the source and adds what is new; it never deletes anything in the target.
import { createHash } from 'node:crypto'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import pg from 'pg'
import { migrateDatabase } from '~/utils/db-migrate.server.ts'
import { databaseTarget } from '~/utils/env.server.ts'

type Column = { name: string; type: string }
type Table = { name: string; columns: Column[]; primaryKey: string[] }
export type TableReport = { table: string; rows: number; checksum: string }

const BATCH_ROWS = 500
const PG_TIMESTAMP = 1114

/** PostgreSQL's `timestamp` (no zone) read as the UTC it holds, as Prisma writes it. */
export function utcClient(url: string) {
	return new pg.Client({
		connectionString: url,
		types: { getTypeParser: ((oid: number, format?: string) => (oid === PG_TIMESTAMP ? (text: string) => new Date(`${text.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser },
	})
}

export async function describeTables(client: pg.Client): Promise<Table[]> {
	const { rows: columns } = await client.query<{ table_name: string; column_name: string; data_type: string }>(
		`SELECT table_name, column_name, data_type FROM information_schema.columns
		 WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, ordinal_position`,
	)
	const { rows: keys } = await client.query<{ table_name: string; column_name: string }>(
		`SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
		 JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
		 WHERE tc.table_schema = 'public' AND tc.constraint_type = 'PRIMARY KEY' ORDER BY kcu.ordinal_position`,
	)
	const { rows: references } = await client.query<{ child: string; parent: string }>(
		`SELECT DISTINCT tc.table_name AS child, ccu.table_name AS parent FROM information_schema.table_constraints tc
		 JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
		 WHERE tc.table_schema = 'public' AND tc.constraint_type = 'FOREIGN KEY'`,
	)
	const tables = new Map<string, Table>()
	for (const column of columns) {
		const table = tables.get(column.table_name) ?? { name: column.table_name, columns: [], primaryKey: [] }
		table.columns.push({ name: column.column_name, type: column.data_type })
		tables.set(column.table_name, table)
	}
	for (const key of keys) tables.get(key.table_name)?.primaryKey.push(key.column_name)
	// Parents first, so every foreign key finds its row.
	const ordered: Table[] = []
	const placed = new Set<string>()
	const place = (name: string, path: string[] = []) => {
		if (placed.has(name) || path.includes(name)) return
		for (const { parent } of references.filter((reference) => reference.child === name && reference.parent !== name)) place(parent, [...path, name])
		placed.add(name)
		ordered.push(tables.get(name)!)
	}
	for (const name of [...tables.keys()].sort()) place(name)
	return ordered
}

/** One value in the form both engines agree on: what the checksum is taken over. */
function canonical(value: unknown, type: string): unknown {
	if (value === null || value === undefined) return null
	if (type === 'boolean') return value === true || value === 1 || value === 1n
	if (type.startsWith('timestamp')) return new Date(value instanceof Date ? value.getTime() : (value as string | number)).toISOString()
	if (type === 'integer' || type === 'bigint' || type === 'smallint' || type === 'double precision' || type === 'numeric') return Number(value)
	if (Buffer.isBuffer(value)) return value.toString('base64')
	return String(value)
}

/** For PostgreSQL: timestamps as UTC text without a zone, so the server's time zone never shifts them. */
function toPostgres(value: unknown, type: string): unknown {
	const normal = canonical(value, type)
	if (normal !== null && type.startsWith('timestamp without')) return (normal as string).replace('Z', '')
	if (type === 'bytea' && normal !== null) return Buffer.from(normal as string, 'base64')
	return normal
}

function checksum(rows: unknown[][]): string {
	const hash = createHash('sha256')
	for (const line of rows.map((row) => JSON.stringify(row)).sort()) hash.update(line).update('\n')
	return hash.digest('hex')
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`

export async function copyDatabase(from: string, to: string, log: (line: string) => void = () => {}) {
	const source = databaseTarget(from)
	const target = databaseTarget(to)
	if (source.engine !== 'sqlite' || target.engine !== 'postgresql') throw new Error('--from must be file:… (SQLite) and --to postgresql://…')
	await migrateDatabase(source)
	await migrateDatabase(target)
	const sqlite = new Database(source.path, { readonly: true })
	const client = utcClient(target.url)
	await client.connect()
	try {
		const tables = await describeTables(client)
		const sourceReports: TableReport[] = []
		// REPEATABLE READ for the whole copy; the SQLite read sees one snapshot too (one transaction).
		await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ')
		sqlite.exec('BEGIN')
		for (const table of tables) {
			const names = table.columns.map((column) => column.name)
			const rows = sqlite.prepare(`SELECT ${names.map(quote).join(', ')} FROM ${quote(table.name)}`).raw().all() as unknown[][]
			sourceReports.push({ table: table.name, rows: rows.length, checksum: checksum(rows.map((row) => row.map((value, i) => canonical(value, table.columns[i]!.type)))) })
			const updates = names.filter((name) => !table.primaryKey.includes(name))
			const onConflict = updates.length
				? `DO UPDATE SET ${updates.map((name) => `${quote(name)} = EXCLUDED.${quote(name)}`).join(', ')}`
				: 'DO NOTHING'
			for (let start = 0; start < rows.length; start += BATCH_ROWS) {
				const batch = rows.slice(start, start + BATCH_ROWS)
				const values: unknown[] = []
				const tuples = batch.map((row) => `(${row.map((value, i) => (values.push(toPostgres(value, table.columns[i]!.type)), `$${values.length}`)).join(', ')})`)
				await client.query(
					`INSERT INTO ${quote(table.name)} (${names.map(quote).join(', ')}) VALUES ${tuples.join(', ')}
					 ON CONFLICT (${table.primaryKey.map(quote).join(', ')}) ${onConflict}`,
					values,
				)
			}
			log(`${table.name}: ${rows.length} rows`)
		}
		sqlite.exec('COMMIT')
		await client.query('COMMIT')
		const targetReports = await tableReports(client, tables)
		const mismatches = sourceReports.filter((report, i) => report.rows !== targetReports[i]!.rows || report.checksum !== targetReports[i]!.checksum)
		return { tables: sourceReports, mismatches: mismatches.map((report) => report.table) }
	} catch (error) {
		await client.query('ROLLBACK').catch(() => {})
		throw error
	} finally {
		sqlite.close()
		await client.end()
	}
}

export async function tableReports(client: pg.Client, tables: Table[]): Promise<TableReport[]> {
	const reports: TableReport[] = []
	for (const table of tables) {
		const names = table.columns.map((column) => column.name)
		const { rows } = await client.query<unknown[]>({ text: `SELECT ${names.map(quote).join(', ')} FROM ${quote(table.name)}`, rowMode: 'array' })
		reports.push({ table: table.name, rows: rows.length, checksum: checksum(rows.map((row) => row.map((value, i) => canonical(value, table.columns[i]!.type)))) })
	}
	return reports
}

if (process.argv[1] === import.meta.filename) {
	const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } })
	if (!values.from?.startsWith('file:') || !/^postgres(ql)?:\/\//.test(values.to ?? '')) {
		console.error('Usage: npm run db:copy -- --from file:./data/qorgau.db --to postgresql://user@host:5432/qorgau')
		process.exit(2)
	}
	const result = await copyDatabase(values.from, values.to!, console.log)
	if (result.mismatches.length > 0) {
		console.error(`Verification failed: ${result.mismatches.join(', ')} differ between the two (rows or content). Does the target hold rows the source has not?`)
		process.exit(1)
	}
	const rows = result.tables.reduce((sum, table) => sum + table.rows, 0)
	console.log(`Copied and verified ${result.tables.length} tables, ${rows} rows: row counts and content checksums agree.`)
}
