// Shared by the lesson page and its body route: the course and lesson a URL names, or a 404.
import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { findCourse } from '~/courses/catalog.server.ts'

export function findLesson(params: LoaderFunctionArgs['params']) {
	const course = findCourse(params.course)
	const lesson = course?.lessons.find((candidate) => candidate.slug === params.lesson)
	if (!course || !lesson) throw data(null, { status: 404 })
	return { course, lesson }
}
