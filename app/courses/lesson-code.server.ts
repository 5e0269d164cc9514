// Compiled lessons, cached by content hash: in memory, and on disk beside the database so a
// restart does not compile again. warmUpLessons() fills the cache before the server listens.
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

function cacheDir() {
	return path.join(getEnv().dataDir, 'cache', 'mdx')
}

async function load(hash: string, file: LessonFile): Promise<LessonCode> {
	const diskFile = path.join(cacheDir(), `${hash}.json`)
	if (existsSync(diskFile)) {
		try {
			const fromDisk = JSON.parse(readFileSync(diskFile, 'utf8')) as LessonCode
			lessonCodeStats.diskHits++
			return fromDisk
		} catch {
			// A torn or foreign file: compile again and overwrite it.
		}
	}
	lessonCodeStats.compiles++
	const { code, references } = await compileLesson(file.source)
	const sourceIds = [
		...new Set(references.elements.filter((element) => element.name === 'Source').map((element) => String(element.attributes.id))),
	]
	const result = { code, sourceIds, choices: choicesOf(references) }
	mkdirSync(cacheDir(), { recursive: true })
	// Write then rename: a reader never sees half a file.
	const temporary = `${diskFile}.${process.pid}.tmp`
	writeFileSync(temporary, JSON.stringify(result))
	renameSync(temporary, diskFile)
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
