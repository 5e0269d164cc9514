// `npm run courses:check`: everything that can be wrong with a course, found before a learner
// does. Builds on read.server.ts (metadata, files, quiz) and adds what needs the MDX compiler.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { HELPLINE_IDS, HELPLINES } from '~/config/helplines.ts'
import { lengthProblems, lengthReport, poolProblems, shortOptionWarnings, type LengthReport } from '~/quiz/pool-checks.ts'
import { choicesOf, compileLesson, MDX_COMPONENTS, type LessonReferences } from '~/courses/mdx.server.ts'
import { courseFolders, readCourse, type Course, type Problem } from '~/courses/read.server.ts'

/** Pages outside courses that lessons may link to (app/routes). */
const STATIC_PATHS = ['/', '/courses', '/help', '/safety', '/verify', '/login', '/signup']

const HELPLINE_NUMBER = new RegExp(`(?<![\\d.,-])(${HELPLINES.map((entry) => entry.number).join('|')})(?![\\d.,-])`)

export async function checkCourses(coursesDir: string): Promise<Problem[]> {
	const read = courseFolders(coursesDir).map(readCourse)
	const courses = read.flatMap((result) => (result.course ? [result.course] : []))
	const problems = read.flatMap((result) => result.problems)
	for (const course of courses) {
		const sections = new Map<string, string[][]>()
		for (const lesson of course.lessons) {
			for (const file of Object.values(lesson.files)) {
				const checked = await checkLessonFile(file.path, file.source, course, courses)
				problems.push(...checked.problems)
				sections.set(lesson.slug, [...(sections.get(lesson.slug) ?? []), checked.sections])
			}
		}
		if (course.quiz) problems.push(...checkQuizTexts(course), ...checkQuizPool(course, sections))
	}
	return problems
}

function quizFile(course: Course) {
	return path.join(course.dir, 'quiz.yaml')
}

/** Pool size, lesson coverage, right-option lengths, and links to lesson sections that exist. */
function checkQuizPool(course: Course, sections: Map<string, string[][]>): Problem[] {
	const quiz = course.quiz!
	const file = quizFile(course)
	const lessons = course.lessons.map((lesson) => lesson.slug)
	const findings = [...poolProblems(quiz, lessons), ...lengthProblems(lengthReport(quiz, course.locales))]
	for (const question of quiz.questions) {
		if (!question.section || !question.lesson) continue
		// Every language of the lesson must have that heading, or the link lands nowhere.
		if (!(sections.get(question.lesson) ?? []).every((ids) => ids.includes(question.section!))) {
			findings.push({ questionId: question.id, message: `section "${question.section}": lesson "${question.lesson}" has no such ## heading in every language` })
		}
	}
	return findings.map((finding) => ({ file, line: lineOfQuestion(course, finding.questionId), message: finding.questionId ? `question ${finding.questionId}: ${finding.message}` : finding.message }))
}

function lineOfQuestion(course: Course, questionId: string | null): number {
	if (!questionId) return 1
	const index = readFileSync(quizFile(course), 'utf8')
		.split('\n')
		.findIndex((line) => new RegExp(`^\\s*-\\s*id:\\s*['"]?${questionId}['"]?\\s*$`).test(line))
	return index + 1 || 1
}

/** What courses:check prints beside its problems: per quiz the lengths figure, and its warnings. */
export function assessmentReport(course: Course): { reports: LengthReport[]; warnings: Problem[] } {
	if (!course.quiz) return { reports: [], warnings: [] }
	return {
		reports: lengthReport(course.quiz, course.locales),
		warnings: shortOptionWarnings(course.quiz, course.locales).map((finding) => ({
			file: quizFile(course),
			line: lineOfQuestion(course, finding.questionId),
			message: `question ${finding.questionId}: ${finding.message}`,
		})),
	}
}

async function checkLessonFile(file: string, source: string, course: Course, courses: Course[]): Promise<{ problems: Problem[]; sections: string[] }> {
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
		return { problems: [...problems, { file, line: location?.location?.line ?? 1, message: `MDX does not compile: ${reason}` }], sections: [] }
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
	problems.push(...checkChoices(file, references))
	return { problems, sections: references.sections }
}

const CHOICE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** <Choice id question> with two or more <Pick feedback>, exactly one of them `best`; ids unique in the lesson. */
function checkChoices(file: string, references: LessonReferences): Problem[] {
	const problems: Problem[] = []
	const seen = new Set<string>()
	for (const element of references.elements) {
		if (element.name === 'Choice' && typeof element.attributes.question !== 'string') problems.push({ file, line: element.line, message: '<Choice> needs a question="…" attribute' })
		if (element.name === 'Pick' && typeof element.attributes.feedback !== 'string') problems.push({ file, line: element.line, message: '<Pick> needs feedback="…" that says what this choice leads to' })
	}
	for (const choice of choicesOf(references)) {
		const report = (message: string) => problems.push({ file, line: choice.line, message })
		if (!CHOICE_ID.test(choice.id)) report('<Choice> needs an id="…" of lower-case letters, digits and hyphens')
		else if (seen.has(choice.id)) report(`<Choice id="${choice.id}"> is used twice in this lesson`)
		seen.add(choice.id)
		if (choice.picks < 2) report('<Choice> needs at least two <Pick> options')
		if (choice.best !== 1) report('<Choice> needs exactly one <Pick best>')
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
	const file = quizFile(course)
	const strings = (value: unknown): string[] =>
		typeof value === 'string' ? [value] : typeof value === 'object' && value ? Object.values(value).flatMap(strings) : []
	return (course.quiz?.questions ?? []).flatMap((question) =>
		course.locales
			.filter((locale) => strings(question[locale]).some((text) => HELPLINE_NUMBER.test(text)))
			.map((locale) => ({ file, line: 1, message: `question ${question.id}: ${locale} types a helpline number: name the service instead` })),
	)
}
