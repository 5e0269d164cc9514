// Compiled lessons, cached by content hash: in memory; in build/lessons, compiled by `npm run
// build` for the courses there were then (so a fresh deployment starts without compiling,
// issue 18's cold start); and on disk beside the database for anything else (an edited course),
// so a restart does not compile again. warmUpLessons() fills the cache before the server listens.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { getEnv } from '~/utils/env.server.ts'
import { getCatalog } from '~/courses/catalog.server.ts'
import { choicesOf, compileLesson, lessonHash } from '~/courses/mdx.server.ts'
import type { LessonFile } from '~/courses/read.server.ts'

/** A <Choice> of the lesson: its id and how many <Pick>s it offers (the practice action checks both). */
type LessonChoice = { id: string; picks: number }

export type LessonCode = { code: string; sourceIds: string[]; choices: LessonChoice[] }

const memory = new Map<string, LessonCode>()
const pending = new Map<string, Promise<LessonCode>>()
/** Counters a test reads to prove a warm server compiles nothing per request. */
export const lessonCodeStats = { compiles: 0, diskHits: 0 }

/** Where `npm run build` leaves the lessons it compiled (read-only at run time). */
export const BUILT_LESSONS_DIR = path.resolve('build', 'lessons')

function cacheDir() {
	return path.join(getEnv().dataDir, 'cache', 'mdx')
}

function readCached(file: string): LessonCode | null {
	if (!existsSync(file)) return null
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as LessonCode
	} catch {
		// A torn or foreign file: compile again (and overwrite it, in the data folder).
		return null
	}
}

/** Writes then renames: a reader never sees half a file. */
function writeCached(dir: string, hash: string, code: LessonCode) {
	mkdirSync(dir, { recursive: true })
	const file = path.join(dir, `${hash}.json`)
	const temporary = `${file}.${process.pid}.tmp`
	writeFileSync(temporary, JSON.stringify(code))
	renameSync(temporary, file)
}

/** A lesson file compiled, with the sources it cites and its choices. */
export async function compileLessonCode(source: string): Promise<LessonCode> {
	const { code, references } = await compileLesson(source)
	const sourceIds = [
		...new Set(references.elements.filter((element) => element.name === 'Source').map((element) => String(element.attributes.id))),
	]
	return { code, sourceIds, choices: choicesOf(references) }
}

/** For `npm run build`: compiles every lesson file given into `dir`; returns how many. */
export async function precompileLessons(files: Iterable<LessonFile>, dir = BUILT_LESSONS_DIR): Promise<number> {
	let count = 0
	for (const file of files) {
		writeCached(dir, lessonHash(file.source), await compileLessonCode(file.source))
		count++
	}
	return count
}

async function load(hash: string, file: LessonFile): Promise<LessonCode> {
	const cached = readCached(path.join(BUILT_LESSONS_DIR, `${hash}.json`)) ?? readCached(path.join(cacheDir(), `${hash}.json`))
	if (cached) {
		lessonCodeStats.diskHits++
		return cached
	}
	lessonCodeStats.compiles++
	const result = await compileLessonCode(file.source)
	writeCached(cacheDir(), hash, result)
	return result
}

export async function getLessonCode(file: LessonFile): Promise<LessonCode> {
	const hash = lessonHash(file.source)
	const hit = memory.get(hash)
	if (hit) return hit
	let loading = pending.get(hash)
	if (!loading) {
		loading = load(hash, file).finally(() => pending.delete(hash))
		pending.set(hash, loading)
	}
	const result = await loading
	memory.set(hash, result)
	return result
}

export async function warmUpLessons(): Promise<number> {
	let count = 0
	for (const course of getCatalog().courses) {
		for (const lesson of course.lessons) {
			for (const file of Object.values(lesson.files)) {
				await getLessonCode(file)
				count++
			}
		}
	}
	return count
}
