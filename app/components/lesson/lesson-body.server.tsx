// Renders a lesson's compiled MDX to HTML once per lesson version, reader's language, cited
// sources and practice state, and keeps it: a lesson page then costs no MDX render at all (found
// with `npm run bench`, docs/decisions/012-benchmark.md). The components' own words (labels such
// as "Key point") are in the reader's language, so the language is part of the key. A lesson with
// scenario choices (<Choice>) has one body per combination of picks the course offers (a few):
// the picks are part of the key, never the learner.
import { createHash } from 'node:crypto'
import { createInstance, type i18n } from 'i18next'
import { getMDXComponent } from 'mdx-bundler/client/index.js'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { DEFAULT_NAMESPACE, type Locale } from '~/config/i18n.ts'
import { getLessonCode, type LessonCode } from '~/courses/lesson-code.server.ts'
import type { LessonFile } from '~/courses/read.server.ts'
import { resources } from '~/locales/resources.ts'
import { LessonPracticeContext, LessonSourcesContext, mdxComponents, type CitedSource, type LessonPractice } from '~/components/lesson/mdx-components.tsx'

const html = new Map<string, string>()
const ids = new WeakMap<LessonCode, Map<string, string>>()
const instances = new Map<Locale, Promise<i18n>>()

function instance(locale: Locale): Promise<i18n> {
	let created = instances.get(locale)
	if (!created) {
		const fresh = createInstance()
		created = fresh
			.use(initReactI18next)
			.init({ lng: locale, ns: [DEFAULT_NAMESPACE], defaultNS: DEFAULT_NAMESPACE, resources, interpolation: { escapeValue: false } })
			.then(() => fresh)
		instances.set(locale, created)
	}
	return created
}

/** The body's id (what the page names it by), rendering it first if this process has not yet. */
export async function lessonBody(file: LessonFile, locale: Locale, sources: CitedSource[], practice: LessonPractice): Promise<string> {
	const code = await getLessonCode(file)
	// Only picks of the choices this version offers shape the body: the variants stay the course's few.
	const picks = Object.fromEntries(
		code.choices.flatMap((choice) => {
			const pick = practice.picks[choice.id]
			return pick !== undefined && pick < choice.picks ? [[choice.id, pick] as const] : []
		}),
	)
	const shown: LessonPractice = { action: practice.action, picks }
	const variant = `${locale}\0${JSON.stringify(sources)}\0${JSON.stringify(shown)}`
	let byVariant = ids.get(code)
	if (!byVariant) ids.set(code, (byVariant = new Map()))
	const known = byVariant.get(variant)
	if (known && html.has(known)) return known
	const id = createHash('sha256').update(`${code.code}\0${variant}`).digest('base64url').slice(0, 22)
	const Lesson = getMDXComponent(code.code)
	const markup = renderToStaticMarkup(
		<I18nextProvider i18n={await instance(locale)}>
			<LessonSourcesContext.Provider value={sources}>
				<LessonPracticeContext.Provider value={shown}>
					<Lesson components={mdxComponents} />
				</LessonPracticeContext.Provider>
			</LessonSourcesContext.Provider>
		</I18nextProvider>,
		// useId inside the body (a helpline card's heading) must not collide with the page's own ids.
		{ identifierPrefix: `b${id.slice(0, 6)}-` },
	)
	html.set(id, markup)
	byVariant.set(variant, id)
	return id
}

/** A body rendered by lessonBody() in this process (the page's render follows its loader). */
export function renderedLessonBody(id: string): string | undefined {
	return html.get(id)
}
