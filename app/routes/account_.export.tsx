// "Export my data": everything we hold about the signed-in person, as a JSON download.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportAccount } from '~/models/user.server.ts'
import { requireUser } from '~/auth/guards.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	return new Response(JSON.stringify(await exportAccount(user.id), null, 2), {
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			// A neutral file name: nothing about the topic in the downloads folder.
			'Content-Disposition': 'attachment; filename="my-data.json"',
			'Cache-Control': 'no-store',
		},
	})
}
