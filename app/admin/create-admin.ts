// `npm run admin:create -- --email <email> --name "<display name>"`: creates (or promotes) a
// platform admin. Admins are never made through the web. A new account gets a random password,
// printed once: change it after signing in.
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { migrateDatabase } from '~/utils/db-migrate.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { hashPassword } from '~/utils/password.server.ts'
import { createPrismaClient } from '~/utils/prisma-client.server.ts'

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } })
const email = values.email?.trim().toLowerCase()
if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || !values.name?.trim()) {
	console.error('Usage: npm run admin:create -- --email admin@example.org --name "Admin name"')
	process.exit(2)
}

const env = getEnv()
await migrateDatabase(env.database)
const prisma = createPrismaClient(env.database)
const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } })
if (existing) {
	await prisma.user.update({ where: { id: existing.id }, data: { isPlatformAdmin: true } })
	console.log(`${email} is now a platform admin.`)
} else {
	const password = randomBytes(12).toString('base64url')
	await prisma.user.create({
		data: {
			email,
			displayName: values.name.trim(),
			isPlatformAdmin: true,
			password: { create: { hash: await hashPassword(password) } },
			learner: { create: {} },
		},
	})
	console.log(`Created platform admin ${email} with the password: ${password}\nSign in and change it on /account.`)
}
await prisma.$disconnect()
