// /verify.csv: the bulk check's answer as a file. A resource route, because a page's action
// cannot answer with a download (Remix would render the CSV text as the page's data).
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { bulkCsv, bulkVerify } from '~/models/bulk-verify.server.ts'
import { errorPageHtml } from '~/server/error-page.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { getUser } from '~/auth/identity.server.ts'
import { writeWait, writeRules } from '~/utils/rate-limit.server.ts'

export async function loader() {
	return redirect('/verify')
}

export async function action({ request, context }: ActionFunctionArgs) {
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const page = (status: number, keys: { title: string; body: string }, headers: Record<string, string> = {}) =>
		new Response(errorPageHtml(locale, t, keys), { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers } })
	const wait = await writeWait(context, writeRules.verificationUpload, (await getUser(request))?.id)
	if (wait !== null) return page(429, { title: 'security.tooMany.title', body: 'security.tooMany.body' }, { 'Retry-After': String(wait) })
	const result = await bulkVerify(await request.formData().catch(() => null), locale)
	if ('rows' in result) return bulkCsv(result.rows, t)
	return page(result.status, { title: 'errors.badRequest.title', body: result.error })
}
