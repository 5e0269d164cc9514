import { randomBytes } from 'node:crypto'
import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable, type EntryContext } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { createInstance, type i18n } from 'i18next'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { LessonBodyContext } from '~/components/lesson/lesson-body.tsx'
import { renderedLessonBody } from '~/components/lesson/lesson-body.server.tsx'
import { DEFAULT_NAMESPACE, type Locale } from '~/config/i18n.ts'
import { getCatalog } from '~/courses/catalog.server.ts'
import { warmUpLessons } from '~/courses/lesson-code.server.ts'
import { healNameKeys } from '~/models/group-dashboard.server.ts'
import { offerRecurringJobs } from '~/jobs/schedules.server.ts'
import { startJobWorker } from '~/jobs/worker.server.ts'
import { jobBacklog } from '~/models/job-queue.server.ts'
import { reconcileSummaries } from '~/models/learner-summary.server.ts'
import { resources } from '~/locales/resources.ts'
import { prisma } from '~/utils/db.server.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'
import { NonceContext } from '~/utils/nonce.ts'
import { allowsOfflineCopy, isOfflineCopy, OFFLINE_COPY_CACHE_CONTROL, OFFLINE_COPY_HEADER } from '~/utils/offline-copy.server.ts'
import { poolStatistics } from '~/utils/prisma-client.server.ts'

const ABORT_DELAY_MS = 5000

/**
 * Only our own files and the scripts this response names by nonce. No 'unsafe-eval' on any page,
 * lessons included: a lesson reaches the browser as HTML rendered on the server, never as code to
 * evaluate (decision 007).
 */
function contentSecurityPolicy(nonce: string, frame: Framing) {
	return [
		"default-src 'self'",
		`script-src 'self' 'nonce-${nonce}'`,
		"style-src 'self'",
		"img-src 'self' data:",
		"font-src 'self'",
		"connect-src 'self'",
		// The service worker (public/sw.js) and the manifest are our own files (decision 018).
		"worker-src 'self'",
		"manifest-src 'self'",
		`form-action 'self'${frame.formAction ? ` ${frame.formAction}` : ''}`,
		`frame-ancestors ${frame.ancestors}`,
		"base-uri 'none'",
		"object-src 'none'",
	].join('; ')
}

type Framing = { ancestors: string; formAction: string | null }

/**
 * Pages are never framed, except the LTI pages that declare `handle.frameable`: the LMS shows
 * them in its frame (any LMS: Canvas frames from each school's own domain), and their forms may
 * post to the platform's return address the loader names (decision 021).
 */
function framing(context: EntryContext): Framing {
	const match = context.staticHandlerContext.matches.find((one) => (context.routeModules[one.route.id]?.handle as { frameable?: unknown } | undefined)?.frameable === true)
	if (!match) return { ancestors: "'none'", formAction: null }
	const data = context.staticHandlerContext.loaderData[match.route.id] as { formActionOrigin?: unknown } | undefined
	const origin = typeof data?.formActionOrigin === 'string' && /^https?:\/\/[a-z0-9.:[\]-]+$/i.test(data.formActionOrigin) ? data.formActionOrigin : null
	return { ancestors: '*', formAction: origin }
}

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

function leafHandle(context: EntryContext): unknown {
	const leaf = context.staticHandlerContext.matches.at(-1)
	return leaf ? context.routeModules[leaf.route.id]?.handle : undefined
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
		// Cleared once the render is done: a pending timer holds the render and its loader data,
		// which at 250 pages a second kept some 1,200 finished pages in memory (issue 18).
		let abortTimer: NodeJS.Timeout | undefined
		const settle = () => clearTimeout(abortTimer)
		const send = () => {
			shellRendered = true
			const body = new PassThrough()
			responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
			// Pages can show personal progress and are about a sensitive topic: never keep
			// them in a shared or disk cache (decision 009). The one exception is a copy for
			// reading offline, which holds nothing personal (decision 018).
			if (!responseHeaders.has('Cache-Control')) {
				const copy = responseStatusCode === 200 && isOfflineCopy(request) && allowsOfflineCopy(leafHandle(remixContext))
				responseHeaders.set('Cache-Control', copy ? OFFLINE_COPY_CACHE_CONTROL : 'no-store')
				if (copy) responseHeaders.set('Vary', OFFLINE_COPY_HEADER)
			}
			responseHeaders.set('Content-Security-Policy', contentSecurityPolicy(nonce, framing(remixContext)))
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
				<LessonBodyContext.Provider value={renderedLessonBody}>
					<I18nextProvider i18n={i18n}>
						<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} nonce={nonce} />
					</I18nextProvider>
				</LessonBodyContext.Provider>
			</NonceContext.Provider>,
			{
				nonce,
				// The delay bounds what streams after the shell (the loader data Remix sends behind
				// it), so it counts from the shell. Counting from the request's arrival cut large
				// pages off mid-stream under load, when renders wait their turn behind others
				// (found with `npm run bench`, docs/decisions/012-benchmark.md).
				onShellReady() {
					abortTimer = setTimeout(abort, ABORT_DELAY_MS + 1000)
					if (readyEvent === 'onShellReady') send()
				},
				onAllReady() {
					if (readyEvent === 'onAllReady') send()
					settle()
				},
				onShellError(error: unknown) {
					settle()
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
 * Called by app/server/index.ts once per start, before any process serves (Remix exposes this
 * module as build.entry.module): brings the learners' course summaries in line with the courses'
 * current lessons.
 */
export async function prepare(): Promise<string> {
	const changed = await reconcileSummaries(prisma, getCatalog().courses)
	// Names from before their sort keys (or written without them) are keyed before anyone reads a dashboard.
	let keyed = 0
	for (let batch = await healNameKeys(); batch > 0; batch = await healNameKeys()) keyed += batch
	return [changed.length ? `Recounted lessons done for ${changed.join(', ')}.` : 'Course summaries are current.', keyed ? `Keyed ${keyed} names and memberships for sorting.` : ''].filter(Boolean).join(' ')
}

/**
 * Called by app/server/index.ts in each serving process before it listens: compiles every
 * lesson into the cache so no learner waits for a compile.
 */
export async function warmUp(): Promise<string> {
	const started = performance.now()
	const count = await warmUpLessons()
	return `Prepared ${count} lesson files in ${Math.round(performance.now() - started)} ms.`
}

/**
 * What app/server/index.ts needs from the app's side of the build to run as one of several
 * instances: the job worker, the recurring jobs it runs (reminders, xAPI and LTI deliveries,
 * decisions 017, 021, 022), and the figures /readyz and /metrics report (decision 016).
 */
export const operations = {
	startJobWorker,
	offerRecurringJobs,
	jobBacklog,
	poolStatistics,
	async databaseAnswers(): Promise<boolean> {
		try {
			await prisma.organisation.findFirst({ select: { id: true } })
			return true
		} catch {
			return false
		}
	},
	disconnect: () => prisma.$disconnect(),
}
export type Operations = typeof operations
