import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable, type EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { createInstance } from 'i18next'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { DEFAULT_NAMESPACE } from '~/config/i18n.ts'
import { warmUpLessons } from '~/courses/lesson-code.server.ts'
import { resources } from '~/locales/resources.ts'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'

const ABORT_DELAY_MS = 5000

export default async function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
) {
	const locale = await getLocale(request)
	const i18n = createInstance()
	await i18n.use(initReactI18next).init({
		lng: locale,
		ns: i18nServer.getRouteNamespaces(remixContext),
		defaultNS: DEFAULT_NAMESPACE,
		resources,
		interpolation: { escapeValue: false },
	})

	// Crawlers and no-JavaScript readers get the whole document at once; browsers get the shell first.
	const readyEvent = isbot(request.headers.get('user-agent')) ? 'onAllReady' : 'onShellReady'

	return new Promise<Response>((resolve, reject) => {
		let shellRendered = false
		const { pipe, abort } = renderToPipeableStream(
			<I18nextProvider i18n={i18n}>
				<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} />
			</I18nextProvider>,
			{
				[readyEvent]() {
					shellRendered = true
					const body = new PassThrough()
					responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
					// Pages can show personal progress and are about a sensitive topic: never keep
					// them in a shared or disk cache (decision 009).
					if (!responseHeaders.has('Cache-Control')) responseHeaders.set('Cache-Control', 'no-store')
					resolve(
						new Response(createReadableStreamFromReadable(body), {
							headers: responseHeaders,
							status: responseStatusCode,
						}),
					)
					pipe(body)
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
		setTimeout(abort, ABORT_DELAY_MS + 1000)
	})
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
