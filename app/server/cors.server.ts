// The two endpoints a package page in an LMS calls from the LMS's own origin (decision 022):
// answered to any origin, with no cookies read or set; a refusal is a small translated page.
import { errorPageHtml } from '~/server/error-page.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'

const CORS_HEADERS = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store', Vary: 'Origin' }

export function corsJson(body: unknown, status = 200): Response {
	return new Response(JSON.stringify(body), { status, headers: { ...CORS_HEADERS, 'Content-Type': 'application/json' } })
}

export async function corsRefusal(request: Request, status: number, body: string): Promise<Response> {
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const html = errorPageHtml(locale, t, { title: status === 404 ? 'errors.notFound.title' : 'packages.refusedTitle', body })
	return new Response(html, { status, headers: { ...CORS_HEADERS, 'Content-Type': 'text/html; charset=utf-8' } })
}
