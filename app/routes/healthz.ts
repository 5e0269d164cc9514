// For load balancers and uptime checks: 200 when the database answers.
import { prisma } from '~/utils/db.server.ts'

export async function loader() {
	try {
		await prisma.organisation.findFirst({ select: { id: true } })
		return new Response('OK', { headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } })
	} catch (error) {
		console.error('healthz: database check failed', error)
		return new Response('Database unavailable', { status: 503, headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } })
	}
}
