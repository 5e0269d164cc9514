// POST /packages/launches/:launch/result: the package page asks for its learner's result with
// the launch's key as the body (decision 022). Read-only; the answer is graded by Qorgau.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { findCourse } from '~/courses/catalog.server.ts'
import { launchForKey } from '~/models/package-launch.server.ts'
import { getCompletedLessons } from '~/models/progress.server.ts'
import { getBestAttempt } from '~/models/quiz.server.ts'
import { launchResult } from '~/packages/result.ts'
import { corsJson, corsRefusal } from '~/server/cors.server.ts'

export async function action({ request, params }: ActionFunctionArgs) {
	const key = (await request.text().catch(() => '')).trim()
	const launch = params.launch && key.length > 0 && key.length <= 100 ? await launchForKey(params.launch, key) : null
	const course = launch ? findCourse(launch.courseSlug) : undefined
	if (!launch || !course) return corsRefusal(request, 404, 'packages.refused')
	const learner = launch.learnerId ? { learnerId: launch.learnerId } : null
	const [completed, best] = await Promise.all([getCompletedLessons(learner, course.slug), getBestAttempt(learner, course.slug)])
	return corsJson(launchResult(learner !== null, course.lessons.map((lesson) => lesson.slug), completed.get(course.slug), best))
}

export async function loader({ request }: LoaderFunctionArgs) {
	return corsRefusal(request, 405, 'packages.refused')
}
