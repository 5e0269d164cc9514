// How far a learner is through a course: pure, from the course and the lessons they completed.
import type { Course } from '~/courses/read.server.ts'

type CourseProgress = { done: number; total: number; nextLesson: string | null; completed: boolean }

/**
 * Progress counts only the lessons the course has now: when a new content version adds a lesson,
 * learners who finished the old version have one more to read; a removed lesson stops counting.
 */
export function courseProgress(course: Course, completed: Set<string> | undefined): CourseProgress {
	const done = course.lessons.filter((lesson) => completed?.has(lesson.slug)).length
	const next = course.lessons.find((lesson) => !completed?.has(lesson.slug))
	return { done, total: course.lessons.length, nextLesson: next?.slug ?? null, completed: done === course.lessons.length }
}
