// The one way an action reads its input and says no (conform + zod, decision 006 and STYLE.md):
// the posted fields are checked against the form's schema, a form that does not pass comes back
// as `data(submission.reply(), { status: 400 })` with translation keys the page shows by its
// fields, and a request the route cannot serve at all gets a translated refusal.
import { parseWithZod } from '@conform-to/zod'
import { data } from '@remix-run/node'
import type { z } from 'zod'
import { getLocale, i18nServer } from '~/utils/i18n.server.ts'

/** The posted fields checked against the schema; a body that is not a form counts as an empty one. */
export async function parseForm<Schema extends z.ZodTypeAny>(request: Request, schema: Schema) {
	const formData = await request.formData().catch(() => new FormData())
	return parseWithZod(formData, { schema })
}

/**
 * `{ error }` in the reader's language with the status (400 unless told): thrown for the error
 * boundary to show, or returned where the page shows it.
 */
export async function refusal(request: Request, key: string, options: { status?: number; values?: Record<string, unknown> } = {}) {
	const t = await i18nServer.getFixedT(await getLocale(request))
	return data({ error: t(key, options.values) }, { status: options.status ?? 400 })
}
