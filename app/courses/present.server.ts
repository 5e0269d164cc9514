// Course data shaped for pages: texts in the reader's language (or the nearest one the course
// has), never compiled code in lists.
import { LOCALES, type Locale } from '~/config/i18n.ts'
import { getEnv } from '~/utils/env.server.ts'
import { courseProgress } from '~/courses/progress.ts'
import { getLessonCode } from '~/courses/lesson-code.server.ts'
import type { Course, Lesson } from '~/courses/read.server.ts'
import { showSource } from '~/courses/sources.ts'
import type { Audience } from '~/config/audiences.ts'
import { DEFAULT_COURSE_ICON } from '~/config/course-icons.ts'

/** The wanted language if the course has it, else the nearest available one. */
export function pickLocale(available: readonly Locale[], wanted: Locale): Locale {
	if (available.includes(wanted)) return wanted
	const order: Locale[] = [getEnv().DEFAULT_LOCALE, 'ru', 'kk', 'en']
	return order.find((locale) => available.includes(locale)) ?? available[0]!
}

/** The course's title in the reader's language, or the nearest one the course has. */
export function courseTitle(course: Course, locale: Locale): string {
	return course.meta.title[pickLocale(course.locales, locale)]!
}

export function courseSummary(course: Course, locale: Locale, completed: Set<string> | undefined) {
	const shown = pickLocale(course.locales, locale)
	return {
		slug: course.slug,
		locale: shown,
		title: course.meta.title[shown]!,
		description: course.meta.description[shown]!,
		minutes: course.meta.minutes,
		icon: course.meta.icon ?? DEFAULT_COURSE_ICON,
		audience: course.meta.audience,
		languages: course.locales,
		lessonCount: course.lessons.length,
		progress: courseProgress(course, completed),
	}
}

export function lessonTitle(lesson: Lesson, locale: Locale): string {
	const file = lesson.files[locale] ?? Object.values(lesson.files)[0]
	return file?.frontmatter.title ?? lesson.slug
}

export function catalogPage(courses: Course[], locale: Locale, completed: Map<string, Set<string>>, filters: { audience?: Audience; language?: Locale }) {
	return courses
		.filter((course) => !filters.audience || course.meta.audience.includes(filters.audience))
		.filter((course) => !filters.language || course.locales.includes(filters.language))
		.map((course) => courseSummary(course, locale, completed.get(course.slug)))
}

export function coursePage(course: Course, locale: Locale, completed: Set<string> | undefined) {
	const summary = courseSummary(course, locale, completed)
	const status = course.meta.locales[summary.locale]!
	return {
		...summary,
		fallbackFrom: summary.locale === locale ? null : locale,
		underReview: status.status !== 'reviewed',
		lastReviewed: status.reviewed ?? null,
		ages: course.meta.ages ?? null,
		hasQuiz: course.quiz !== null,
		lessons: course.lessons.map((lesson) => ({
			slug: lesson.slug,
			number: lesson.number,
			title: lessonTitle(lesson, summary.locale),
			minutes: (lesson.files[summary.locale] ?? Object.values(lesson.files)[0])?.frontmatter.minutes ?? 0,
			done: completed?.has(lesson.slug) ?? false,
		})),
		sources: course.meta.sources.map((source) => showSource(source, summary.locale)),
	}
}

/** Everything a lesson page shows except its body (app/components/lesson/lesson-body.server.tsx). */
export async function lessonPage(course: Course, lesson: Lesson, locale: Locale, completed: Set<string> | undefined) {
	const available = LOCALES.filter((candidate) => lesson.files[candidate])
	const shown = pickLocale(available, locale)
	const file = lesson.files[shown]!
	const { sourceIds, choices } = await getLessonCode(file)
	const index = lesson.number - 1
	return {
		course: { slug: course.slug, title: courseTitle(course, locale), hasQuiz: course.quiz !== null },
		lesson: {
			slug: lesson.slug,
			number: lesson.number,
			title: file.frontmatter.title,
			minutes: file.frontmatter.minutes,
			contentNote: file.frontmatter.contentNote ?? null,
			locale: shown,
			done: completed?.has(lesson.slug) ?? false,
		},
		fallbackFrom: shown === locale ? null : locale,
		total: course.lessons.length,
		progress: courseProgress(course, completed),
		previous: course.lessons[index - 1]?.slug ?? null,
		next: course.lessons[index + 1]?.slug ?? null,
		hasChoices: choices.length > 0,
		sources: course.meta.sources
			.map((source, position) => ({ ...showSource(source, shown), number: position + 1 }))
			.filter((source) => sourceIds.includes(source.id)),
	}
}
