// The real courses (courses/): complete in every language, sourced, and never typing a number
// that belongs in the helpline configuration.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { HELPLINES } from '~/config/helplines.ts'
import { LOCALES } from '~/config/i18n.ts'
import { checkCourses } from '~/courses/check.server.ts'
import { courseFolders, readCourse } from '~/courses/read.server.ts'
import { ROOT } from '../../setup/paths.ts'

const COURSES_DIR = path.join(ROOT, 'courses')
const courses = courseFolders(COURSES_DIR).map((dir) => readCourse(dir).course!)

// Compiles every lesson of eight courses in three languages: slow on two shared cores.
test('courses:check passes on the real courses', async () => {
	expect(await checkCourses(COURSES_DIR)).toEqual([])
}, 180_000)

test('the eight courses of the mission are there', () => {
	expect(courses.map((course) => course.slug).sort()).toEqual([
		'active-bystander',
		'if-it-happens-to-you',
		'recognising-violence',
		'rights-and-protection',
		'safe-relationships',
		'when-a-child-tells-you',
		'when-it-happens-at-home',
		'workplace-support',
	])
})

describe.each(courses.map((course) => [course.slug, course] as const))('%s', (_slug, course) => {
	test('is written in kk, ru and en, each marked with its review state', () => {
		expect(course.locales).toEqual([...LOCALES])
		for (const locale of LOCALES) expect(course.meta.locales[locale]?.status).toBeDefined()
	})

	test('has every lesson in every language, 4–6 lessons', () => {
		expect(course.lessons.length).toBeGreaterThanOrEqual(4)
		expect(course.lessons.length).toBeLessThanOrEqual(6)
		for (const lesson of course.lessons) expect(Object.keys(lesson.files).sort()).toEqual([...LOCALES].sort())
	})

	test('has a quiz with a pass mark that draws from a pool at least twice the draw, every question in every language', () => {
		expect(course.quiz?.passMark).toBeGreaterThan(0)
		expect(course.quiz!.draw).toBeGreaterThanOrEqual(8)
		expect(course.quiz!.questions.length).toBeGreaterThanOrEqual(2 * course.quiz!.draw!)
		for (const question of course.quiz!.questions) for (const locale of LOCALES) expect(question[locale]?.prompt).toBeTruthy()
	})

	test('revisits every lesson in the quiz', () => {
		const revisited = new Set(course.quiz!.questions.map((question) => question.lesson))
		for (const lesson of course.lessons) expect(revisited).toContain(lesson.slug)
	})

	test('lists its sources and cites them', () => {
		expect(course.meta.sources.length).toBeGreaterThan(0)
		const lessons = course.lessons.flatMap((lesson) => Object.values(lesson.files).map((file) => file.source)).join('\n')
		expect(lessons).toMatch(/<Source id="/)
	})

	test('types no helpline number into a lesson or the quiz', () => {
		const numbers = new RegExp(`(?<![\\d.,-])(${HELPLINES.map((entry) => entry.number).join('|')})(?![\\d.,-])`)
		const texts = [
			...course.lessons.flatMap((lesson) => Object.values(lesson.files).map((file) => file.source)),
			readFileSync(path.join(course.dir, 'quiz.yaml'), 'utf8'),
		]
		for (const text of texts) expect(text).not.toMatch(numbers)
	})

	test('says it is information, not legal advice', () => {
		const english = course.lessons.map((lesson) => lesson.files.en!.source).join('\n')
		expect(english).toMatch(/not legal advice/i)
	})
})
