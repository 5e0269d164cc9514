// Reads one course folder and validates what can be validated without compiling MDX. Every
// problem carries a file and a line, so authors can jump to it.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { isNode, LineCounter, parseDocument } from 'yaml'
import type { z } from 'zod'
import { LOCALES, type Locale } from '~/config/i18n.ts'
import {
	courseLocales,
	courseSchema,
	frontmatterSchema,
	questionOptions,
	quizSchema,
	type CourseMeta,
	type LessonFrontmatter,
	type QuizDefinition,
} from '~/courses/schema.ts'

export type Problem = { file: string; line: number; message: string }

export type LessonFile = { path: string; source: string; frontmatter: LessonFrontmatter }

export type Lesson = {
	slug: string
	/** 1-based position in the course. */
	number: number
	files: Partial<Record<Locale, LessonFile>>
}

export type Course = {
	slug: string
	dir: string
	meta: CourseMeta
	locales: Locale[]
	lessons: Lesson[]
	quiz: QuizDefinition | null
}

type ParsedYaml<T> = { value: T | null; problems: Problem[] }

/** Parses YAML and validates it; zod issues are mapped back to the line of the offending value. */
function parseYaml<Schema extends z.ZodTypeAny>(file: string, source: string, schema: Schema): ParsedYaml<z.output<Schema>> {
	const lineCounter = new LineCounter()
	const doc = parseDocument(source, { lineCounter })
	if (doc.errors.length > 0) {
		return {
			value: null,
			problems: doc.errors.map((error) => ({ file, line: error.linePos?.[0].line ?? 1, message: `YAML: ${error.message.split('\n')[0]}` })),
		}
	}
	const result = schema.safeParse(doc.toJS())
	if (result.success) return { value: result.data, problems: [] }
	return {
		value: null,
		problems: result.error.issues.map((issue) => {
			const where = issue.path.join('.')
			return { file, line: lineOf(doc, lineCounter, issue.path), message: where ? `${where}: ${issue.message}` : issue.message }
		}),
	}
}

function lineOf(doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter, issuePath: (string | number)[]): number {
	for (let length = issuePath.length; length > 0; length--) {
		const node = doc.getIn(issuePath.slice(0, length), true)
		if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line
	}
	return 1
}

/** Splits "---\nyaml\n---\nbody" and validates the frontmatter. */
function readFrontmatter(file: string, source: string): ParsedYaml<LessonFrontmatter> {
	const match = /^---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/.exec(source)
	if (!match) return { value: null, problems: [{ file, line: 1, message: 'frontmatter missing: start the file with ---, title, minutes, ---' }] }
	const parsed = parseYaml(file, match[1]!, frontmatterSchema)
	// The YAML starts on line 2 of the file.
	return { value: parsed.value, problems: parsed.problems.map((problem) => ({ ...problem, line: problem.line + 1 })) }
}

const LESSON_DIR = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$/

export function readCourse(dir: string): { course: Course | null; problems: Problem[] } {
	const problems: Problem[] = []
	const courseFile = path.join(dir, 'course.yaml')
	if (!existsSync(courseFile)) return { course: null, problems: [{ file: courseFile, line: 1, message: 'course.yaml is missing' }] }
	const parsed = parseYaml(courseFile, readFileSync(courseFile, 'utf8'), courseSchema)
	problems.push(...parsed.problems)
	const meta = parsed.value
	if (!meta) return { course: null, problems }
	const locales = courseLocales(meta)
	const folderName = path.basename(dir)
	if (meta.slug !== folderName) problems.push({ file: courseFile, line: 1, message: `slug "${meta.slug}" must equal the folder name "${folderName}"` })
	for (const field of ['title', 'description'] as const) {
		for (const locale of locales) {
			if (!meta[field][locale]) problems.push({ file: courseFile, line: 1, message: `${field}.${locale} is missing (the course declares ${locale})` })
		}
	}
	for (const source of meta.sources) {
		if (typeof source.title === 'string') continue
		for (const locale of locales) {
			if (!source.title[locale]) problems.push({ file: courseFile, line: 1, message: `source "${source.id}": title.${locale} is missing (the course declares ${locale})` })
		}
	}

	const lessonsDir = path.join(dir, 'lessons')
	const folders = existsSync(lessonsDir) ? readdirSync(lessonsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()) : []
	const folderBySlug = new Map<string, string>()
	for (const folder of folders) {
		const match = LESSON_DIR.exec(folder.name)
		if (!match) {
			problems.push({ file: path.join(lessonsDir, folder.name), line: 1, message: 'lesson folders are named NN-<lesson-slug>' })
			continue
		}
		if (folderBySlug.has(match[2]!)) problems.push({ file: path.join(lessonsDir, folder.name), line: 1, message: `two folders for lesson "${match[2]}"` })
		folderBySlug.set(match[2]!, folder.name)
		if (!meta.lessons.includes(match[2]!)) {
			problems.push({ file: path.join(lessonsDir, folder.name), line: 1, message: `lesson "${match[2]}" is not listed in course.yaml lessons` })
		}
	}

	const lessons: Lesson[] = []
	meta.lessons.forEach((lessonSlug, index) => {
		if (meta.lessons.indexOf(lessonSlug) !== index) {
			problems.push({ file: courseFile, line: 1, message: `lesson "${lessonSlug}" is listed twice` })
			return
		}
		const folder = folderBySlug.get(lessonSlug)
		if (!folder) {
			problems.push({ file: courseFile, line: 1, message: `lesson "${lessonSlug}" has no folder lessons/NN-${lessonSlug}` })
			return
		}
		const files: Lesson['files'] = {}
		for (const locale of locales) {
			const file = path.join(lessonsDir, folder, `${locale}.mdx`)
			if (!existsSync(file)) {
				problems.push({ file, line: 1, message: `missing: the course declares ${locale}, so every lesson needs ${locale}.mdx` })
				continue
			}
			const source = readFileSync(file, 'utf8')
			const frontmatter = readFrontmatter(file, source)
			problems.push(...frontmatter.problems)
			if (frontmatter.value) files[locale] = { path: file, source, frontmatter: frontmatter.value }
		}
		for (const locale of LOCALES.filter((locale) => !locales.includes(locale))) {
			const file = path.join(lessonsDir, folder, `${locale}.mdx`)
			if (existsSync(file)) problems.push({ file, line: 1, message: `${locale} is not declared in course.yaml locales` })
		}
		lessons.push({ slug: lessonSlug, number: index + 1, files })
	})

	const quiz = readQuiz(dir, meta, locales, problems)
	return { course: { slug: meta.slug, dir, meta, locales, lessons, quiz }, problems }
}

function readQuiz(dir: string, meta: CourseMeta, locales: Locale[], problems: Problem[]): QuizDefinition | null {
	const file = path.join(dir, 'quiz.yaml')
	if (!existsSync(file)) {
		problems.push({ file, line: 1, message: 'quiz.yaml is missing: every course ends with a graded quiz' })
		return null
	}
	const source = readFileSync(file, 'utf8')
	const parsed = parseYaml(file, source, quizSchema)
	problems.push(...parsed.problems)
	const quiz = parsed.value
	if (!quiz) return null
	const lineOfQuestion = (id: string) => {
		const index = source.split('\n').findIndex((line) => new RegExp(`^\\s*-\\s*id:\\s*['"]?${id}['"]?\\s*$`).test(line))
		return index + 1 || 1
	}
	const report = (id: string, message: string) => problems.push({ file, line: lineOfQuestion(id), message: `question ${id}: ${message}` })
	const sourceIds = new Set(meta.sources.map((entry) => entry.id))
	const seen = new Set<string>()
	for (const question of quiz.questions) {
		if (seen.has(question.id)) report(question.id, 'id is used twice')
		seen.add(question.id)
		const options = questionOptions(question)
		if (question.type !== 'truefalse' && options.length < 2) report(question.id, 'needs at least two options')
		if (question.type === 'truefalse' && question.options) report(question.id, 'true/false questions take no options list')
		if (new Set(options).size !== options.length) report(question.id, 'option ids must be unique')
		for (const answer of question.correct) if (!options.includes(answer)) report(question.id, `correct answer "${answer}" is not one of its options`)
		if (question.type !== 'multiple' && question.correct.length !== 1) report(question.id, `a ${question.type} question has exactly one correct answer`)
		if (question.lesson && !meta.lessons.includes(question.lesson)) report(question.id, `lesson "${question.lesson}" is not in this course`)
		if (question.source && !sourceIds.has(question.source)) report(question.id, `source "${question.source}" is not listed in course.yaml sources`)
		for (const locale of locales) {
			const texts = question[locale]
			if (!texts) {
				report(question.id, `the ${locale} text is missing`)
				continue
			}
			if (question.type === 'scenario' && !texts.situation) report(question.id, `${locale}: a scenario needs a situation`)
			for (const option of options) {
				if (question.type !== 'truefalse' && !texts.options?.[option]?.text) report(question.id, `${locale}: option "${option}" has no text`)
			}
			for (const option of Object.keys(texts.options ?? {})) {
				if (!options.includes(option)) report(question.id, `${locale}: option "${option}" is not in the options list`)
			}
		}
	}
	if (quiz.draw !== undefined && quiz.draw > quiz.questions.length) {
		problems.push({ file, line: 1, message: `draw: ${quiz.draw} is more than the ${quiz.questions.length} questions in the bank` })
	}
	return quiz
}

/** Every course folder under the courses directory (folders starting with _ or . are ignored). */
export function courseFolders(coursesDir: string): string[] {
	if (!existsSync(coursesDir)) return []
	return readdirSync(coursesDir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && !/^[._]/.test(entry.name))
		.map((entry) => path.join(coursesDir, entry.name))
		.sort()
}
