// A lesson's text, as HTML the server rendered once per lesson version and language
// (lesson-body.server.tsx). The browser never runs the lesson's compiled code: it has nothing
// interactive that plain HTML lacks (reveals and self-checks are <details>), the page's loader
// data stays free of it, and the Content Security Policy needs no 'unsafe-eval'.
import { createContext, useContext } from 'react'

const MAX_KEPT = 50
const bodies = new Map<string, string>()

/** Keeps a body fetched for a client-side navigation (the lesson route's clientLoader). */
export function rememberLessonBody(id: string, html: string) {
	if (bodies.size >= MAX_KEPT) bodies.delete(bodies.keys().next().value!)
	bodies.set(id, html)
}

/** Bodies by id: entry.server.tsx provides the server's rendered ones; the browser has its own. */
export const LessonBodyContext = createContext<(id: string) => string | undefined>((id) => bodies.get(id))

const ATTRIBUTE = 'data-lesson-body'

/**
 * On the page the server sent, the browser already shows the body: hydration reads it from the
 * document instead of receiving it a second time in the loader data.
 */
function fromDocument(id: string): string | undefined {
	if (typeof document === 'undefined') return undefined
	const html = document.querySelector(`[${ATTRIBUTE}="${CSS.escape(id)}"]`)?.innerHTML
	if (html !== undefined) rememberLessonBody(id, html)
	return html
}

export function LessonBody({ id }: { id: string }) {
	const html = useContext(LessonBodyContext)(id) ?? fromDocument(id) ?? ''
	return <div className="lesson__body" {...{ [ATTRIBUTE]: id }} dangerouslySetInnerHTML={{ __html: html }} />
}
