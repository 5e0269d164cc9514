import { randomBytes } from 'node:crypto'
import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable, type EntryContext } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { createInstance, type i18n } from 'i18next'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { DEFAULT_NAMESPACE, type Locale } from '~/config/i18n.ts'
import { warmUpLessons } from '~/courses/lesson-code.server.ts'
import { resources } from '~/locales/resources.ts'
import { sendDueReminders } from '~/models/recertification.server.ts'
import { sendWeeklyDigests } from '~/models/reminders.server.ts'
import { startIntervalJob } from '~/utils/interval-job.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { NonceContext } from '~/utils/nonce.ts'

const ABORT_DELAY_MS = 5000

/**
 * Only our own files and the scripts this response names by nonce. 'unsafe-eval' is the one
 * exception, and only on lesson pages: mdx-bundler's client builds each lesson with new
 * Function (decision 007). Every other page, staff pages included, forbids eval.
 */
function contentSecurityPolicy(nonce: string, allowEval: boolean) {
	return [
		"default-src 'self'",
		`script-src 'self' 'nonce-${nonce}'${allowEval ? " 'unsafe-eval'" : ''}`,
		"style-src 'self'",
		"img-src 'self' data:",
		"font-src 'self'",
		"connect-src 'self'",
		"form-action 'self'",
		"frame-ancestors 'none'",
		"base-uri 'none'",
		"object-src 'none'",
	].join('; ')
}

const LESSON_ROUTE = 'routes/courses.$course.lessons.$lesson'
const rendersLesson = (context: EntryContext) => context.staticHandlerContext.matches.some((match) => match.route.id === LESSON_ROUTE)

// One initialised i18next instance per language and set of namespaces, shared by every render:
// initialising one costs 1–2 ms, the resources never change, and rendering only reads it
// (the language is fixed per instance; switching language is a new request).
const renderingInstances = new Map<string, Promise<i18n>>()

function renderingInstance(locale: Locale, namespaces: string[]): Promise<i18n> {
	const key = `${locale}|${namespaces.join(',')}`
	let instance = renderingInstances.get(key)
	if (!instance) {
		const created = createInstance()
		instance = created
			.use(initReactI18next)
			.init({ lng: locale, ns: namespaces, defaultNS: DEFAULT_NAMESPACE, resources, interpolation: { escapeValue: false } })
			.then(() => created)
		renderingInstances.set(key, instance)
		instance.catch(() => renderingInstances.delete(key))
	}
	return instance
}

export default async function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
) {
	const locale = await getLocale(request)
	const nonce = randomBytes(16).toString('base64')
	const i18n = await renderingInstance(locale, i18nServer.getRouteNamespaces(remixContext))

	// Crawlers and no-JavaScript readers get the whole document at once; browsers get the shell first.
	const readyEvent = isbot(request.headers.get('user-agent')) ? 'onAllReady' : 'onShellReady'

	return new Promise<Response>((resolve, reject) => {
		let shellRendered = false
		const send = () => {
			shellRendered = true
			const body = new PassThrough()
			responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
			// Pages can show personal progress and are about a sensitive topic: never keep
			// them in a shared or disk cache (decision 009).
			if (!responseHeaders.has('Cache-Control')) responseHeaders.set('Cache-Control', 'no-store')
			responseHeaders.set('Content-Security-Policy', contentSecurityPolicy(nonce, rendersLesson(remixContext)))
			resolve(
				new Response(createReadableStreamFromReadable(body), {
					headers: responseHeaders,
					status: responseStatusCode,
				}),
			)
			pipe(body)
		}
		const { pipe, abort } = renderToPipeableStream(
			<NonceContext.Provider value={nonce}>
				<I18nextProvider i18n={i18n}>
					<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} nonce={nonce} />
				</I18nextProvider>
			</NonceContext.Provider>,
			{
				nonce,
				// The delay bounds what streams after the shell (the loader data Remix sends behind
				// it), so it counts from the shell. Counting from the request's arrival cut large
				// pages off mid-stream under load, when renders wait their turn behind others
				// (found with `npm run bench`, docs/decisions/012-benchmark.md).
				onShellReady() {
					setTimeout(abort, ABORT_DELAY_MS + 1000)
					if (readyEvent === 'onShellReady') send()
				},
				onAllReady() {
					if (readyEvent === 'onAllReady') send()
				},
				onShellError(error: unknown) {
					reject(error)
				},
				onError(error: unknown) {
					responseStatusCode = 500
					// Errors after the shell was sent are logged here; before, Remix reports them.
					if (shellRendered) console.error(error)
				},
			},
		)
	})
}

/**
 * What Remix logs. A thrown 4xx (a guard's 403, a 404, a 429) is an answer, not a fault: logging
 * it would fill the log with every refused request. A request the client gave up on is not
 * logged either.
 */
export function handleError(error: unknown, { request }: { request: Request }) {
	if (request.signal.aborted || (isRouteErrorResponse(error) && error.status < 500)) return
	console.error(error)
}

/**
 * Called by app/server/index.ts before the server listens (Remix exposes this module as
 * build.entry.module): compiles every lesson into the cache so no learner waits for a compile.
 */
export async function warmUp(): Promise<string> {
	const started = performance.now()
	const count = await warmUpLessons()
	return `Prepared ${count} lesson files in ${Math.round(performance.now() - started)} ms.`
}

const HOUR_MS = 60 * 60 * 1000

/** Called by app/server/index.ts once the server is up: the scheduled jobs (decisions 015, 017). */
export function startJobs(log: (line: string) => void): () => void {
	const stops = [
		startIntervalJob(
			'recertification reminders',
			HOUR_MS,
			async () => {
				const sent = await sendDueReminders()
				return sent ? `sent ${sent}` : null
			},
			log,
		),
		// Hourly, but each organisation's digest goes once per ISO week (an OrgDigest row per week).
		startIntervalJob(
			'weekly digests',
			HOUR_MS,
			async () => {
				const sent = await sendWeeklyDigests()
				return sent ? `sent to ${sent} organisations` : null
			},
			log,
		),
	]
	return () => stops.forEach((stop) => stop())
}
