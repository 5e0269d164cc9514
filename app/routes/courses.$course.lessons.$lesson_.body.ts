// A lesson's body as HTML, for the lesson page after a client-side navigation: the page's loader
// data names the body but does not carry it (app/components/lesson/lesson-body.tsx). It shows the
// asker's own scenario choices, as the page does.
import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { getLearner } from '~/auth/learner.server.ts'
import { lessonBody, renderedLessonBody } from '~/components/lesson/lesson-body.server.tsx'
import { findLesson } from '~/courses/catalog.server.ts'
import { lessonPage } from '~/courses/present.server.ts'
import { getPracticePicks } from '~/models/assessment.server.ts'
import { getLocale } from '~/utils/i18n.server.ts'

function requireLesson(params: LoaderFunctionArgs['params']) {
	const found = findLesson(params.course, params.lesson)
	if (!found) throw data(null, { status: 404 })
	return found
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { course, lesson } = requireLesson(params)
	const locale = await getLocale(request)
	const page = await lessonPage(course, lesson, locale, undefined)
	const picks = page.hasChoices ? await getPracticePicks(await getLearner(request), course.slug, lesson.slug) : {}
	const practice = { action: `/courses/${course.slug}/lessons/${lesson.slug}/practice`, picks }
	const id = await lessonBody(lesson.files[page.lesson.locale]!, locale, page.sources, practice)
	return new Response(renderedLessonBody(id), {
		headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'X-Lesson-Body': id },
	})
}
