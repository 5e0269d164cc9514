// `npm run courses:check`: everything that can be wrong with a course, found before a learner
// does. Builds on read.server.ts (metadata, files, quiz) and adds what needs the MDX compiler.
import path from 'node:path'
import { HELPLINE_IDS, HELPLINES } from '~/config/helplines.ts'
import { compileLesson, MDX_COMPONENTS, type LessonReferences } from './mdx.server.ts'
import { courseFolders, readCourse, type Course, type Problem } from './read.server.ts'

/** Pages outside courses that lessons may link to (app/routes). */
const STATIC_PATHS = ['/', '/courses', '/help', '/safety', '/verify', '/login', '/signup']

const HELPLINE_NUMBER = new RegExp(`(?<![\\d.,-])(${HELPLINES.map((entry) => entry.number).join('|')})(?![\\d.,-])`)

export async function checkCourses(coursesDir: string): Promise<Problem[]> {
	const read = courseFolders(coursesDir).map(readCourse)
	const courses = read.flatMap((result) => (result.course ? [result.course] : []))
	const problems = read.flatMap((result) => result.problems)
	for (const course of courses) {
		for (const lesson of course.lessons) {
			for (const file of Object.values(lesson.files)) {
				problems.push(...(await checkLessonFile(file.path, file.source, course, courses)))
			}
		}
		if (course.quiz) problems.push(...checkQuizTexts(course))
	}
	return problems
}

async function checkLessonFile(file: string, source: string, course: Course, courses: Course[]): Promise<Problem[]> {
	const problems: Problem[] = []
	let inFence = false
	source.split('\n').forEach((text, index) => {
		if (/^\s*(```|~~~)/.test(text)) inFence = !inFence
		if (!inFence && /^(import|export)\s/.test(text)) {
			problems.push({ file, line: index + 1, message: 'no import/export in lessons: the platform provides the components' })
		}
	})
	let references: LessonReferences
	try {
		references = (await compileLesson(source)).references
	} catch (error) {
		const location = (error as { errors?: { location?: { line: number }; text?: string }[] }).errors?.[0]
		const text = location?.text ?? (error instanceof Error ? error.message : String(error))
		// esbuild wraps the MDX compiler's message: keep the reason, drop the wrapper and position.
		const reason = text
			.replace(/^Cannot process MDX file with esbuild:\s*/, '')
			.replace(/^\d+:\d+(-\d+:\d+)?:\s*/, '')
			.split('\n')[0]
		return [...problems, { file, line: location?.location?.line ?? 1, message: `MDX does not compile: ${reason}` }]
	}
	const sourceIds = new Set(course.meta.sources.map((entry) => entry.id))
	for (const element of references.elements) {
		const report = (message: string) => problems.push({ file, line: element.line, message })
		if (!(MDX_COMPONENTS as readonly string[]).includes(element.name)) {
			report(`unknown component <${element.name}>: use one of ${MDX_COMPONENTS.join(', ')}`)
		} else if (element.name === 'Source' && !sourceIds.has(String(element.attributes.id))) {
			report(`<Source id="${element.attributes.id ?? ''}"> is not listed in course.yaml sources`)
		} else if (element.name === 'Helpline' && !(HELPLINE_IDS as string[]).includes(String(element.attributes.id))) {
			report(`<Helpline id="${element.attributes.id ?? ''}"> is not a helpline: use one of ${HELPLINE_IDS.join(', ')}`)
		} else if (element.name === 'Check' && typeof element.attributes.question !== 'string') {
			report('<Check> needs a question="…" attribute')
		} else if (element.name === 'Option' && typeof element.attributes.feedback !== 'string') {
			report('<Option> needs feedback="…" that says why')
		}
	}
	const checks = references.elements.filter((element) => element.name === 'Check')
	const options = references.elements.filter((element) => element.name === 'Option')
	for (const [index, check] of checks.entries()) {
		const end = checks[index + 1]?.line ?? Infinity
		const own = options.filter((option) => option.line > check.line && option.line < end)
		if (own.filter((option) => option.attributes.correct === true).length !== 1) {
			problems.push({ file, line: check.line, message: '<Check> needs exactly one <Option correct>' })
		}
	}
	for (const link of references.links) {
		const problem = checkLink(link.url, courses)
		if (problem) problems.push({ file, line: link.line, message: problem })
	}
	for (const text of references.texts) {
		if (HELPLINE_NUMBER.test(text.value)) {
			problems.push({ file, line: text.line, message: 'a helpline number is typed in: use <Helpline id="…" /> or <HelplineCard />' })
		}
	}
	return problems
}

function checkLink(url: string, courses: Course[]): string | null {
	if (/^(https:|http:|mailto:|#)/.test(url)) return null
	if (url.startsWith('tel:')) return 'no tel: links: use <Helpline id="…" />'
	if (!url.startsWith('/')) return `link "${url}": use an absolute path (/courses/…) or a full https:// address`
	const pathname = url.split(/[?#]/)[0]!.replace(/\/$/, '') || '/'
	if (STATIC_PATHS.includes(pathname)) return null
	const match = /^\/courses\/([^/]+)(?:\/(quiz|lessons\/([^/]+)))?$/.exec(pathname)
	const course = match && courses.find((candidate) => candidate.slug === match[1])
	if (!match || !course) return `link "${url}" does not lead to a page`
	if (match[3] && !course.lessons.some((lesson) => lesson.slug === match[3])) return `link "${url}": no lesson "${match[3]}" in ${course.slug}`
	return null
}

function checkQuizTexts(course: Course): Problem[] {
	const file = path.join(course.dir, 'quiz.yaml')
	const strings = (value: unknown): string[] =>
		typeof value === 'string' ? [value] : typeof value === 'object' && value ? Object.values(value).flatMap(strings) : []
	return (course.quiz?.questions ?? []).flatMap((question) =>
		course.locales
			.filter((locale) => strings(question[locale]).some((text) => HELPLINE_NUMBER.test(text)))
			.map((locale) => ({ file, line: 1, message: `question ${question.id}: ${locale} types a helpline number: name the service instead` })),
	)
}
