// /verify.csv: the bulk check's answer as a file. A resource route, because a page's action
// cannot answer with a download (Remix would render the CSV text as the page's data).
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { bulkCsv, bulkVerify } from '~/models/bulk-verify.server.ts'
import { errorPageHtml } from '~/server/error-page.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'

export async function loader() {
	return redirect('/verify')
}

export async function action({ request, context }: ActionFunctionArgs) {
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const result = await bulkVerify(await request.formData().catch(() => null), context, locale)
	if ('rows' in result) return bulkCsv(result.rows, t)
	return new Response(errorPageHtml(locale, t, { title: 'errors.badRequest.title', body: result.error }), {
		status: result.status,
		headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
	})
}
