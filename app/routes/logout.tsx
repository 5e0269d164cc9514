// Signing out is a POST (never mutate on GET); a GET just goes home.
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { destroySession } from '~/auth/session.server.ts'

export async function loader() {
	return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
	return redirect('/', { headers: { 'Set-Cookie': await destroySession(request) } })
}
