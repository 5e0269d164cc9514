// A lesson scenario's choice (<Choice>), saved as practice: never graded, never counted. The form
// posts here and comes back to the lesson, which then shows what each option leads to.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { LOCALES } from '~/config/i18n.ts'
import { findCourse } from '~/courses/catalog.server.ts'
import { getLessonCode } from '~/courses/lesson-code.server.ts'
import { pickLocale } from '~/courses/present.server.ts'
import { savePracticePick } from '~/models/assessment.server.ts'
import { requireLearnerForWrite } from '~/auth/learner.server.ts'
import { parseForm, refusal } from '~/utils/forms.server.ts'
import { getLocale } from '~/utils/i18n.server.ts'

const practiceSchema = z.object({
	choice: z.string().max(60).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
	pick: z.coerce.number().int().min(0).max(19),
})

function findLesson(params: LoaderFunctionArgs['params']) {
	const course = findCourse(params.course)
	const lesson = course?.lessons.find((candidate) => candidate.slug === params.lesson)
	if (!course || !lesson) throw data(null, { status: 404 })
	return { course, lesson }
}

/** Nothing to show here: the choice lives on the lesson page. */
export async function loader({ params }: LoaderFunctionArgs) {
	const { course, lesson } = findLesson(params)
	return redirect(`/courses/${course.slug}/lessons/${lesson.slug}`)
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { course, lesson } = findLesson(params)
	const locale = await getLocale(request)
	const refuse = () => refusal(request, 'practice.invalid')
	const submission = await parseForm(request, practiceSchema)
	if (submission.status !== 'success') throw await refuse()
	// The choice must be one the lesson offers in the language it is shown in.
	const file = lesson.files[pickLocale(LOCALES.filter((candidate) => lesson.files[candidate]), locale)]!
	const offered = (await getLessonCode(file)).choices.find((choice) => choice.id === submission.value.choice)
	if (!offered || submission.value.pick >= offered.picks) throw await refuse()
	const { learnerId, setCookie } = await requireLearnerForWrite(request)
	await savePracticePick({ learnerId, courseSlug: course.slug, lessonSlug: lesson.slug, choiceId: offered.id, pick: submission.value.pick })
	return redirect(`/courses/${course.slug}/lessons/${lesson.slug}#choice-${offered.id}`, setCookie ? { headers: { 'Set-Cookie': setCookie } } : undefined)
}
