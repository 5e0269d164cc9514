// Each broken course is the sample course with one mistake; each must be reported precisely.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { checkCourses } from '~/courses/check.server.ts'
import { ROOT, TMP_DIR } from '../../setup/paths.ts'

const FIXTURES = path.join(ROOT, 'tests/fixtures/courses')

/** A courses folder holding a copy of the sample course, changed by `breakIt`. */
function brokenCourses(breakIt: (course: string) => void): string {
	const dir = mkdtempSync(path.join(TMP_DIR, 'broken-'))
	cpSync(path.join(FIXTURES, 'sample-course'), path.join(dir, 'sample-course'), { recursive: true })
	breakIt(path.join(dir, 'sample-course'))
	return dir
}

function edit(file: string, change: (text: string) => string) {
	writeFileSync(file, change(readFileSync(file, 'utf8')))
}

async function problemsOf(dir: string) {
	return (await checkCourses(dir)).map((problem) => `${path.relative(dir, problem.file)}:${problem.line}: ${problem.message}`)
}

const lesson = (course: string, folder: string, locale: string) => path.join(course, 'lessons', folder, `${locale}.mdx`)

test('the sample courses are valid', async () => {
	expect(await problemsOf(FIXTURES)).toEqual([])
})

describe('each broken course fails with file, line and reason', () => {
	test.each([
		[
			'metadata: an unknown audience',
			(c: string) => edit(path.join(c, 'course.yaml'), (t) => t.replace('audience: [public, workplace]', 'audience: [public, everyone]')),
			"sample-course/course.yaml:11: audience.1: Invalid enum value. Expected 'public' | 'school' | 'workplace', received 'everyone'",
		],
		[
			'metadata: the slug is not the folder name',
			(c: string) => edit(path.join(c, 'course.yaml'), (t) => t.replace('slug: sample-course', 'slug: other-course')),
			'sample-course/course.yaml:1: slug "other-course" must equal the folder name "sample-course"',
		],
		[
			'a lesson missing in a declared locale',
			(c: string) => rmSync(lesson(c, '02-second-lesson', 'ru')),
			'sample-course/lessons/02-second-lesson/ru.mdx:1: missing: the course declares ru, so every lesson needs ru.mdx',
		],
		[
			'a lesson folder not listed in course.yaml',
			(c: string) => cpSync(path.join(c, 'lessons/03-third-lesson'), path.join(c, 'lessons/04-extra-lesson'), { recursive: true }),
			'sample-course/lessons/04-extra-lesson:1: lesson "extra-lesson" is not listed in course.yaml lessons',
		],
		[
			'frontmatter without a title',
			(c: string) => edit(lesson(c, '03-third-lesson', 'en'), (t) => t.replace('title: Third lesson\n', '')),
			'sample-course/lessons/03-third-lesson/en.mdx:2: title: Required',
		],
		[
			'MDX that does not compile',
			(c: string) => edit(lesson(c, '03-third-lesson', 'kk'), (t) => `${t}\nA line with {an open brace\n`),
			'sample-course/lessons/03-third-lesson/kk.mdx:8: MDX does not compile: Unexpected end of file in expression',
		],
		[
			'an unknown component',
			(c: string) => edit(lesson(c, '03-third-lesson', 'en'), (t) => `${t}\n<Marquee>Hi</Marquee>\n`),
			'sample-course/lessons/03-third-lesson/en.mdx:8: unknown component <Marquee>: use one of Callout, KeyPoint, Scenario, Reveal, Check, Option, HelplineCard, Helpline, Source, ContentNote',
		],
		[
			'an import',
			(c: string) => edit(lesson(c, '03-third-lesson', 'en'), (t) => t.replace('---\n\n', "---\n\nimport X from 'x'\n\n")),
			'sample-course/lessons/03-third-lesson/en.mdx:6: no import/export in lessons: the platform provides the components',
		],
		[
			'an internal link that leads nowhere',
			(c: string) => edit(lesson(c, '03-third-lesson', 'ru'), (t) => `${t}\n[дальше](/courses/sample-course/lessons/missing)\n`),
			'sample-course/lessons/03-third-lesson/ru.mdx:8: link "/courses/sample-course/lessons/missing": no lesson "missing" in sample-course',
		],
		[
			'a source that the course does not list',
			(c: string) => edit(lesson(c, '03-third-lesson', 'en'), (t) => `${t}\nA claim <Source id="rumour" />.\n`),
			'sample-course/lessons/03-third-lesson/en.mdx:8: <Source id="rumour"> is not listed in course.yaml sources',
		],
		[
			'a helpline number typed into a lesson',
			(c: string) => edit(lesson(c, '03-third-lesson', 'en'), (t) => `${t}\nCall 112 now.\n`),
			'sample-course/lessons/03-third-lesson/en.mdx:8: a helpline number is typed in: use <Helpline id="…" /> or <HelplineCard />',
		],
		[
			'an unknown helpline id',
			(c: string) => edit(lesson(c, '03-third-lesson', 'en'), (t) => `${t}\nCall <Helpline id="firemen" />.\n`),
			'sample-course/lessons/03-third-lesson/en.mdx:8: <Helpline id="firemen"> is not a helpline: use one of emergency, police, family, ambulance, children',
		],
		[
			'a knowledge check without a correct option',
			(c: string) => edit(lesson(c, '01-first-lesson', 'en'), (t) => t.replace('<Option correct feedback="Yes.">', '<Option feedback="Yes.">')),
			'sample-course/lessons/01-first-lesson/en.mdx:20: <Check> needs exactly one <Option correct>',
		],
		[
			'quiz: a correct answer that is not an option',
			(c: string) => edit(path.join(c, 'quiz.yaml'), (t) => t.replace('correct: [call]', 'correct: [run]')),
			'sample-course/quiz.yaml:3: question call-for-help: correct answer "run" is not one of its options',
		],
		[
			'quiz: a question id used twice',
			(c: string) => edit(path.join(c, 'quiz.yaml'), (t) => t.replace('- id: leaving', '- id: forms')),
			'sample-course/quiz.yaml:33: question forms: id is used twice',
		],
		[
			'quiz: a locale without the question',
			(c: string) => edit(path.join(c, 'quiz.yaml'), (t) => t.replace(/ {4}kk:\n {6}prompt: Зорлық бар[\s\S]*$/, '')),
			'sample-course/quiz.yaml:74: question leaving: the kk text is missing',
		],
		[
			'quiz: an option without text in one locale',
			(c: string) => edit(path.join(c, 'quiz.yaml'), (t) => t.replace('        weather: { text: Дождливый день }\n', '')),
			'sample-course/quiz.yaml:33: question forms: ru: option "weather" has no text',
		],
		[
			'quiz: a pass mark out of range',
			(c: string) => edit(path.join(c, 'quiz.yaml'), (t) => t.replace('passMark: 75', 'passMark: 150')),
			'sample-course/quiz.yaml:1: passMark: must be between 1 and 100',
		],
		[
			'quiz: a reference to a lesson and a source that do not exist',
			(c: string) => edit(path.join(c, 'quiz.yaml'), (t) => t.replace('lesson: first-lesson\n    source: egov', 'lesson: zeroth-lesson\n    source: egov')),
			'sample-course/quiz.yaml:3: question call-for-help: lesson "zeroth-lesson" is not in this course',
		],
		[
			'quiz.yaml that is not YAML',
			(c: string) => edit(path.join(c, 'quiz.yaml'), (t) => t.replace('passMark: 75', 'passMark: [75')),
			'sample-course/quiz.yaml:2: YAML:',
		],
	])('%s', async (_name, breakIt, expected) => {
		const problems = await problemsOf(brokenCourses(breakIt))
		expect(problems.map((problem) => problem.slice(0, expected.length))).toContain(expected)
	})
})

test('the command prints file:line: message and exits 1', () => {
	const dir = brokenCourses((c) => edit(lesson(c, '03-third-lesson', 'en'), (t) => `${t}\n<Marquee>Hi</Marquee>\n`))
	let output = ''
	let status = 0
	try {
		execFileSync(process.execPath, ['--import', 'tsx', 'app/courses/check-courses.ts', dir], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' })
	} catch (error) {
		const failure = error as { status: number; stderr: string }
		status = failure.status
		output = failure.stderr
	}
	expect(status).toBe(1)
	expect(output).toMatch(/sample-course\/lessons\/03-third-lesson\/en\.mdx:8: unknown component <Marquee>/)
	expect(output).toMatch(/1 problem in /)
})
