// One-shot messages after a redirect ("Saved.", "Your account is deleted."): a signed cookie set
// with the redirect and cleared by the next page that shows it. Not a flag in the URL: those
// stay in the browser's history, which matters in discreet mode (decision 009), and show again
// on reload.
import { redirect } from '@remix-run/node'
import { siteCookie } from '~/utils/cookies.server.ts'

/** What a flash may say: translation keys, translated in the reader's language when shown. */
const FLASH_MESSAGES = [
	'account.saved',
	'flash.accountDeleted',
	'flash.joined',
	'orgSettings.saved',
	'orgCertificates.revokedNotice',
	'reset.sent',
	'reset.done',
	'languageOffer.saved',
	'certificate.nameVisibilitySaved',
	'groupLayout.assigned',
	'invitations.sent',
	'invitations.resent',
	'invitations.withdrawn',
	'invitationPage.joined',
	'lrs.saved',
	'lrs.removed',
	'lti.settings.saved',
	'lti.settings.removed',
	'reminders.flash.sent',
	'reminders.flash.sentToOverdue',
	'reminders.flash.alreadyToday',
	'reminders.flash.notOverdue',
	'reminders.flash.dismissed',
] as const
export type FlashMessage = (typeof FLASH_MESSAGES)[number]

function flashCookie() {
	// Long enough to follow the redirect on a slow connection, short enough not to greet a later visit.
	return siteCookie('flash', { maxAge: 60, signed: true })
}

/** A redirect that carries the message to the next page; `init` may add headers of its own (Set-Cookie too). */
export async function redirectWithFlash(url: string, message: FlashMessage, init: ResponseInit = {}): Promise<Response> {
	const headers = new Headers(init.headers)
	headers.append('Set-Cookie', await flashCookie().serialize(message))
	return redirect(url, { ...init, headers })
}

/** The message waiting for this request, if any, and the header that clears it (null when there was none). */
export async function getFlash(request: Request): Promise<{ message: FlashMessage | null; setCookie: string | null }> {
	const cookie = request.headers.get('Cookie')
	if (!cookie?.includes('flash=')) return { message: null, setCookie: null }
	const value: unknown = await flashCookie().parse(cookie)
	return { message: FLASH_MESSAGES.find((known) => known === value) ?? null, setCookie: await flashCookie().serialize('', { maxAge: 0 }) }
}
