// `npm run build` compiles the repository's lessons into build/lessons, so a fresh deployment
// serves its first lesson without compiling (issue 18's cold start).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { compileLessonCode, precompileLessons } from '~/courses/lesson-code.server.ts'
import { lessonHash } from '~/courses/mdx.server.ts'
import { courseFolders, readCourse } from '~/courses/read.server.ts'
import { ROOT } from '../setup/paths.ts'

const lessonFiles = (coursesDir: string) => courseFolders(coursesDir).flatMap((folder) => (readCourse(folder).course?.lessons ?? []).flatMap((lesson) => Object.values(lesson.files)))

test('precompiling writes each lesson file under its hash, as it compiles', async () => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'qorgau-lessons-'))
	try {
		const files = lessonFiles(path.join(ROOT, 'tests/fixtures/courses')).slice(0, 3)
		expect(await precompileLessons(files, dir)).toBe(3)
		for (const file of files) {
			const written = JSON.parse(readFileSync(path.join(dir, `${lessonHash(file.source)}.json`), 'utf8'))
			expect(written).toEqual(await compileLessonCode(file.source))
		}
	} finally {
		rmSync(dir, { recursive: true, force: true })
	}
})

test('the production build holds every lesson of the repository’s courses', () => {
	const files = lessonFiles(path.join(ROOT, 'courses'))
	expect(files.length).toBeGreaterThan(50)
	const missing = files.filter((file) => !existsSync(path.join(ROOT, 'build/lessons', `${lessonHash(file.source)}.json`)))
	// After editing a lesson, `npm run build` compiles it again.
	expect(missing.map((file) => file.path), 'lessons missing from build/lessons: run npm run build').toEqual([])
})
