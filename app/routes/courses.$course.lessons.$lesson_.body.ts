// A lesson's body as HTML, for the lesson page after a client-side navigation: the page's loader
// data names the body but does not carry it (app/components/lesson/lesson-body.tsx).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { lessonBody, renderedLessonBody } from '~/components/lesson/lesson-body.server.tsx'
import { lessonPage } from '~/courses/present.server.ts'
import { findLesson } from '~/routes/lesson.server.ts'
import { getLocale } from '~/utils/i18n.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { course, lesson } = findLesson(params)
	const locale = await getLocale(request)
	const page = await lessonPage(course, lesson, locale, undefined)
	const id = await lessonBody(lesson.files[page.lesson.locale]!, locale, page.sources)
	return new Response(renderedLessonBody(id), {
		headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'X-Lesson-Body': id },
	})
}
