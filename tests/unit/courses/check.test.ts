// Each broken course is the sample course with one mistake; each must be reported precisely.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { checkCourses } from '~/courses/check.server.ts'
import { ROOT } from '../../setup/paths.ts'
import { TMP_DIR } from '../../setup/tmp.ts'

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

test('the sample courses are valid, apart from the two fixed quizzes the older tests rely on', async () => {
	const fixed = 'draw is missing: set how many questions an attempt draws (the pool needs at least 2 × draw)'
	expect(await problemsOf(FIXTURES)).toEqual([`partial-languages/quiz.yaml:1: ${fixed}`, `sample-course/quiz.yaml:1: ${fixed}`])
})

/** A courses folder holding a copy of the pooled course, changed by `breakIt`. */
function brokenPool(breakIt: (course: string) => void): string {
	const dir = mkdtempSync(path.join(TMP_DIR, 'broken-pool-'))
	cpSync(path.join(FIXTURES, 'test-pool-course'), path.join(dir, 'test-pool-course'), { recursive: true })
	breakIt(path.join(dir, 'test-pool-course'))
	return dir
}

describe('assessment rules on a pooled quiz', () => {
	test.each([
		['a pool smaller than twice the draw', (c: string) => edit(path.join(c, 'quiz.yaml'), (t) => t.replace('draw: 4', 'draw: 5')), 'test-pool-course/quiz.yaml:1: the pool has 8 questions: draw 5 needs at least 10'],
		[
			'a section the lesson does not have',
			(c: string) => edit(path.join(c, 'quiz.yaml'), (t) => t.replace('section: section-2\n    options: [normal', 'section: section-7\n    options: [normal')),
			'test-pool-course/quiz.yaml:30: question phone: section "section-7": lesson "control" has no such ## heading in every language',
		],
		[
			'a <Choice> without a best <Pick>',
			(c: string) => edit(lesson(c, '01-control', 'en'), (t) => t.replace('<Pick best ', '<Pick ')),
			'test-pool-course/lessons/01-control/en.mdx:14: <Choice> needs exactly one <Pick best>',
		],
		[
			'a <Pick> without feedback',
			(c: string) => edit(lesson(c, '01-control', 'en'), (t) => t.replace('<Pick feedback="Laughing it off tells her it is normal.">', '<Pick>')),
			'test-pool-course/lessons/01-control/en.mdx:15: <Pick> needs feedback="…" that says what this choice leads to',
		],
	])('%s', async (_name, breakIt, expected) => {
		expect(await problemsOf(brokenPool(breakIt))).toEqual([expected])
	})

	test('right options that are the longest in most questions fail the check', async () => {
		const dir = brokenPool((c) =>
			edit(path.join(c, 'quiz.yaml'), (t) =>
				t
					.replace('"Economic violence, a form of control"', '"Economic violence, a form of control over a person"')
					.replace('"A way to make her depend on his money"', '"A way to make her depend on his money for everything"')
					.replace('"Monitoring that takes away her privacy"', '"Monitoring that takes away her privacy and her freedom"'),
			),
		)
		expect(await problemsOf(dir)).toEqual(['test-pool-course/quiz.yaml:1: en: the right option is the longest in 5 of 8 single-answer questions (63 %; at most 40 %)'])
	})
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
			'sample-course/lessons/03-third-lesson/en.mdx:8: unknown component <Marquee>: use one of Callout, KeyPoint, Scenario, Reveal, Check, Option, HelplineCard, Helpline, Source, ContentNote, Choice, Pick',
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
			'sample-course/lessons/03-third-lesson/en.mdx:8: <Helpline id="firemen"> is not a helpline: use one of emergency, police, family, ambulance',
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
	// The sample course's quiz has no draw: that is its second problem.
	expect(output).toMatch(/2 problems in /)
})
