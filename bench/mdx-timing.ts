// How long the course engine takes to compile lessons (app/courses/mdx.server.ts). The server
// compiles each lesson once (then serves it from memory and a disk cache), so this is the cost
// of a cold start or of a new content version, never of a page view.
import path from 'node:path'
import { compileLesson } from '../app/courses/mdx.server.ts'
import { readCourses } from '../prisma/seed-organisation.ts'
import { ROOT } from './database.ts'

export type MdxTiming = {
	lessons: number
	/** The first compile in a fresh process: loads esbuild and the MDX pipeline. */
	firstMs: number
	/** Per lesson file: the first compile of that source, and a repeat of it. */
	coldMedianMs: number
	coldMaxMs: number
	warmMedianMs: number
	warmMaxMs: number
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b)
	return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

export async function timeMdx(limit = Infinity): Promise<MdxTiming> {
	const files = readCourses(path.join(ROOT, 'courses'))
		.flatMap((course) => course.lessons.flatMap((lesson) => Object.values(lesson.files)))
		.slice(0, limit)
	const time = async (source: string) => {
		const started = performance.now()
		await compileLesson(source)
		return performance.now() - started
	}
	const cold: number[] = []
	const warm: number[] = []
	for (const file of files) {
		cold.push(await time(file.source))
		warm.push(await time(file.source))
	}
	return {
		lessons: files.length,
		firstMs: cold[0] ?? NaN,
		coldMedianMs: median(cold.slice(1)),
		coldMaxMs: Math.max(...cold.slice(1)),
		warmMedianMs: median(warm),
		warmMaxMs: Math.max(...warm),
	}
}
