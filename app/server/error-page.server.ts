// Answers the Express layer gives before (or instead of) Remix: refused cross-site posts, load
// shedding, body limits, and errors no route caught. Each is a small translated page in the
// visitor's language, never Express's English default.
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'

/** Translation keys of the heading and the explanation; `bodyText`, when given, is already translated. */
type Page = { title: string; body: string; bodyText?: string }

/** The visitor's locale and a translator, as the app would pick them for this request. */
async function translatorFor(req: ExpressRequest) {
	// Loaded on first use: the i18n module reads the environment, which main() validates first.
	const { getLocale, i18nServer } = await import('~/utils/i18n.server.ts')
	// Only the path, query and language headers matter here; the Host header may be garbage.
	const path = req.originalUrl.startsWith('/') ? req.originalUrl : '/'
	let request: Request
	try {
		request = new Request(`http://localhost${path}`, { headers: { Cookie: req.get('Cookie') ?? '', 'Accept-Language': req.get('Accept-Language') ?? '' } })
	} catch {
		request = new Request('http://localhost/', { headers: { Cookie: req.get('Cookie') ?? '' } })
	}
	const locale = await getLocale(request)
	return { locale, t: await i18nServer.getFixedT(locale) }
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

/**
 * A minimal translated page: `keys` name the heading and the explanation in the locale files.
 * The tab title is always the neutral discreet-mode one: these pages are answered without asking
 * the database whether the visitor chose discreet mode (decision 013).
 */
export function errorPageHtml(locale: string, t: (key: string) => string, keys: Page): string {
	const title = escapeHtml(t(keys.title))
	return (
		`<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t('discreet.title'))}</title></head>` +
		`<body><main><h1>${title}</h1><p>${escapeHtml(keys.bodyText ?? t(keys.body))}</p><p><a href="/">${escapeHtml(t('errors.backHome'))}</a></p></main></body></html>`
	)
}

export async function sendErrorPage(req: ExpressRequest, res: ExpressResponse, status: number, keys: Page, headers: Record<string, string> = {}) {
	const { locale, t } = await translatorFor(req)
	res
		.status(status)
		.type('html')
		.set({ 'Cache-Control': 'no-store', ...headers })
		.send(errorPageHtml(locale, t, keys))
}

/**
 * Express's last resort: an error that reached here escaped every route. Client mistakes (a URL
 * that does not parse, a body that is not what it claims) are a translated 400; anything else a
 * translated 500, logged.
 */
export function finalErrorHandler() {
	return (error: unknown, req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
		if (res.headersSent) return next(error)
		const status = clientErrorStatus(error)
		if (status === 500) console.error('[qorgau] Unhandled error:', error)
		const keys = status === 500 ? { title: 'errors.unexpected.title', body: 'errors.unexpected.body' } : { title: 'errors.badRequest.title', body: 'errors.badForm' }
		sendErrorPage(req, res, status, keys).catch((failure: unknown) => {
			console.error('[qorgau] Could not send an error page:', failure)
			if (!res.headersSent) res.status(status).end()
		})
	}
}

function clientErrorStatus(error: unknown): number {
	if (typeof error !== 'object' || error === null) return 500
	const { status, code } = error as { status?: unknown; code?: unknown }
	if (typeof status === 'number' && status >= 400 && status < 500) return status
	// new URL() on a request whose Host header is not a host name.
	if (code === 'ERR_INVALID_URL') return 400
	return 500
}

/**
 * For requests Node's HTTP parser refuses before Express sees them (headers over 16 KB, broken
 * HTTP): the same translated page instead of Node's bare status line. Nothing of such a request
 * can be trusted to say its language, so the page is in DEFAULT_LOCALE.
 */
export async function clientErrorHandler(locale: string) {
	const { i18nServer } = await import('~/utils/i18n.server.ts')
	const t = await i18nServer.getFixedT(locale)
	return (error: NodeJS.ErrnoException, socket: Duplex) => {
		const response = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage
		if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent) return void socket.destroy()
		const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
		const keys = status === 431 ? { title: 'limits.headers.title', body: 'limits.headers.body' } : { title: 'errors.badRequest.title', body: 'errors.badRequest.body' }
		const html = errorPageHtml(locale, t, keys)
		socket.end(
			`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(html)}\r\n` +
				`Cache-Control: no-store\r\nConnection: close\r\n\r\n${html}`,
		)
	}
}

const TITLE_BY_STATUS: Record<number, string> = { 403: 'errors.forbidden.title', 404: 'errors.notFound.title' }

/**
 * A resource route (a download, a form's endpoint) has no error boundary: a refusal it throws
 * with `data({ error })` would reach the browser as JSON. Opened in a browser, it becomes the
 * same small translated page as every other refusal, with the route's own translated message.
 */
export async function asRefusalPage(request: Request, response: Response): Promise<Response> {
	if (response.status < 400 || !response.headers.get('Content-Type')?.startsWith('application/json')) return response
	// Remix's own data requests (single fetch) are read by the app's JavaScript, not shown.
	if (new URL(request.url).pathname.endsWith('.data')) return response
	const payload: unknown = await response.json().catch(() => null)
	const error = payload && typeof payload === 'object' && 'error' in payload && typeof payload.error === 'string' ? payload.error : null
	const { getLocale, i18nServer } = await import('~/utils/i18n.server.ts')
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const title = TITLE_BY_STATUS[response.status] ?? 'errors.badRequest.title'
	const body = response.status === 404 ? 'errors.notFound.body' : response.status === 403 ? 'errors.forbidden.body' : 'errors.badRequest.body'
	const headers = new Headers(response.headers)
	headers.set('Content-Type', 'text/html; charset=utf-8')
	headers.delete('Content-Length')
	return new Response(errorPageHtml(locale, t, { title, body, bodyText: error ?? undefined }), { status: response.status, statusText: response.statusText, headers })
}
