// `npm run seed -- --learners 2000`: adds a large organisation (prisma/seed-organisation.ts) to the
// database DATABASE_URL names, after bringing its schema up to date. For the benchmark and for
// seeing the dashboards at scale; never run against a deployment's database.
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { migrateDatabase } from '~/utils/db-migrate.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { hashPassword } from '~/utils/password.server.ts'
import { createPrismaClient } from '~/utils/prisma-client.server.ts'
import { seedOrganisation } from '../seed-organisation.ts'

const USAGE = 'Usage: npm run seed -- --learners 2000 [--assign 2] [--seed 1] [--pin 2468]'
const { values } = parseArgs({
	options: { learners: { type: 'string' }, assign: { type: 'string' }, seed: { type: 'string' }, pin: { type: 'string' } },
})
const count = (value: string | undefined, fallback: number) => (value === undefined ? fallback : /^\d+$/.test(value) ? Number(value) : NaN)
const learners = count(values.learners, NaN)
const assign = count(values.assign, 2)
const seed = count(values.seed, 1)
if (!(learners >= 1 && learners <= 100_000) || Number.isNaN(assign) || Number.isNaN(seed) || (values.pin !== undefined && !/^\d{4,8}$/.test(values.pin))) {
	console.error(USAGE)
	process.exit(2)
}

const env = getEnv()
if (env.isDeployment) {
	console.error('Refusing to add a generated organisation to a deployment database (PUBLIC_URL or QORGAU_DEPLOYMENT is set).')
	process.exit(2)
}
await migrateDatabase(env.database)
const prisma = createPrismaClient(env.database)
const started = performance.now()
const adminPassword = randomBytes(12).toString('base64url')
const result = await seedOrganisation(prisma, {
	learners,
	assign,
	seed,
	coursesDir: env.coursesDir,
	adminPasswordHash: await hashPassword(adminPassword),
	pinHash: values.pin ? await hashPassword(values.pin) : undefined,
})
await prisma.$disconnect()
const seconds = ((performance.now() - started) / 1000).toFixed(1)
console.log(
	[
		`Added "${result.group.name}" with ${result.learners.length} pupils in ${seconds} s to ${env.DATABASE_URL}:`,
		`  ${result.counts.progress} completed lessons, ${result.counts.attempts} quiz attempts, ${result.counts.certificates} certificates`,
		`  assigned: ${result.assigned.join(', ') || 'nothing'}`,
		`  organisation /orgs/${result.org.slug} (code ${result.org.code}), dashboard /orgs/${result.org.slug}/groups/${result.group.id}`,
		`  admin: ${result.admin.email} / ${adminPassword}`,
		values.pin ? `  pupils: school code ${result.org.code}, usernames pupil-1 … pupil-${learners}, PIN ${values.pin}` : '  pupils have no PIN (--pin sets one)',
	].join('\n'),
)
