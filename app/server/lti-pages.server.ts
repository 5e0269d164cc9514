// The LTI routes' small pages outside the app's layout: refusals, and the page shown inside an LMS
// iframe. Each is translated, and may be framed only where it must be (decision 021).
import { errorPageHtml } from '~/server/error-page.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import type { Refusal } from '~/lti/id-token.server.ts'

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
const HTML = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }

/** A translated refusal page; LMSs show it in their frame, so it may be framed (it holds nothing). */
export async function ltiRefusalPage(request: Request, status: number, body: string, headers: Record<string, string> = {}): Promise<Response> {
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	return new Response(errorPageHtml(locale, t, { title: 'lti.refused.title', body }), {
		status,
		headers: { ...HTML, 'Content-Security-Policy': "default-src 'none'; frame-ancestors *", ...headers },
	})
}

const STATUS: Record<Refusal, number> = {
	malformed: 400,
	platform: 403,
	signature: 401,
	audience: 401,
	expired: 401,
	nonce: 401,
	state: 401,
	deployment: 403,
	message: 400,
	version: 400,
	target: 400,
}

export function launchRefusalPage(request: Request, reason: Refusal, headers: Record<string, string> = {}) {
	return ltiRefusalPage(request, STATUS[reason], `lti.refused.${reason}`, headers)
}

/** A deployment without LTI_PRIVATE_KEY: the tool is not here. */
export function ltiOffPage(request: Request) {
	return ltiRefusalPage(request, 404, 'lti.off')
}

/**
 * Inside the LMS's frame: a button that opens the course in a new tab, signed in there by the
 * one-time token (no script, no cookie needed in the frame).
 */
export async function handoffPage(request: Request, frameAncestor: string, token: string, title: string): Promise<Response> {
	const locale = await getLocale(request)
	const t = await i18nServer.getFixedT(locale)
	const html =
		`<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t('discreet.title'))}</title></head>` +
		`<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(t('lti.handoff.body'))}</p>` +
		`<form method="post" action="/lti/continue" target="_blank"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">${escapeHtml(t('lti.handoff.button'))}</button></form>` +
		`</main></body></html>`
	return new Response(html, {
		headers: { ...HTML, 'Content-Security-Policy': `default-src 'none'; form-action 'self'; frame-ancestors ${frameAncestor}` },
	})
}
