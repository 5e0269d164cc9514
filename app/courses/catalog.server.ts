// The courses the app serves, read from COURSES_DIR. Production reads them once; development
// re-reads when a file changes, so an edited lesson shows on reload.
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { getEnv } from '~/utils/env.server.ts'
import { courseFolders, readCourse, type Course } from '~/courses/read.server.ts'

export type Catalog = { courses: Course[]; bySlug: Map<string, Course> }

let cached: { signature: string; catalog: Catalog } | undefined

function signature(dir: string): string {
	const parts: string[] = []
	const walk = (entry: string) => {
		const stat = statSync(entry)
		parts.push(`${entry}:${stat.mtimeMs}`)
		if (stat.isDirectory()) for (const name of readdirSync(entry)) walk(path.join(entry, name))
	}
	walk(dir)
	return parts.join('|')
}

function loadCatalog(dir: string): Catalog {
	const courses: Course[] = []
	for (const folder of courseFolders(dir)) {
		const { course, problems } = readCourse(folder)
		// courses:check (in CI) keeps broken courses out; should one slip through, serve the rest.
		if (course && problems.length === 0) courses.push(course)
		else console.error(`Course ${folder} is not served: ${problems.map((problem) => problem.message).join('; ')}`)
	}
	return { courses, bySlug: new Map(courses.map((course) => [course.slug, course])) }
}

export function getCatalog(): Catalog {
	const env = getEnv()
	const current = env.NODE_ENV === 'development' ? signature(env.coursesDir) : 'static'
	if (cached?.signature !== current) cached = { signature: current, catalog: loadCatalog(env.coursesDir) }
	return cached.catalog
}

export function findCourse(slug: string | undefined): Course | undefined {
	return slug ? getCatalog().bySlug.get(slug) : undefined
}

/** The course and lesson a URL names, if the catalog has both. */
export function findLesson(courseSlug: string | undefined, lessonSlug: string | undefined) {
	const course = findCourse(courseSlug)
	const lesson = course?.lessons.find((candidate) => candidate.slug === lessonSlug)
	return course && lesson ? { course, lesson } : null
}
