// The course format (courses/README.md) as zod schemas: course.yaml, lesson frontmatter, quiz.yaml.
import { z } from 'zod'
import { AUDIENCES } from '~/config/audiences.ts'
import { COURSE_ICONS } from '~/config/course-icons.ts'
import { LOCALES, type Locale } from '~/config/i18n.ts'
import { isoDay } from '~/utils/dates.ts'

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens')
const text = z.string().trim().min(1, 'must not be empty')
const isoDate = z
	.union([z.string(), z.date()])
	.transform((value) => (value instanceof Date ? isoDay(value) : value))
	.pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-25'))

/** A text in some of the locales; which ones must exist is checked against the course's locales. */
const localized = z.object({ kk: text.optional(), ru: text.optional(), en: text.optional() }).strict()

const REVIEW_STATUSES = ['draft', 'needs-native-review', 'reviewed'] as const

export const courseSchema = z
	.object({
		slug,
		version: z.union([z.number().int().positive(), text]).transform(String),
		title: localized,
		description: localized,
		audience: z.array(z.enum(AUDIENCES)).min(1, 'name at least one audience'),
		ages: z
			.object({ min: z.number().int().min(6).max(99), max: z.number().int().min(6).max(99).optional() })
			.strict()
			.refine((ages) => ages.max === undefined || ages.max >= ages.min, 'max must not be below min')
			.optional(),
		minutes: z.number().int().positive().max(600),
		icon: z.enum(COURSE_ICONS).optional(),
		certificateValidityMonths: z.number().int().positive().max(120).optional(),
		/** How often the quiz may be taken again, and when a failed attempt shows its key (decision 008). */
		retake: z
			.object({
				coolDownAfterFailures: z.number().int().min(1).max(20).optional(),
				coolDownHours: z.number().int().min(1).max(720).optional(),
				revealKeyAfterFailures: z.number().int().min(1).max(50).optional(),
			})
			.strict()
			.refine((retake) => (retake.coolDownAfterFailures === undefined) === (retake.coolDownHours === undefined), 'give coolDownAfterFailures and coolDownHours together')
			.optional(),
		/** Offer an ungraded pre-test, drawn from the quiz's pool, before the first lesson. */
		pretest: z.boolean().optional(),
		locales: z
			.object({
				kk: z.object({ status: z.enum(REVIEW_STATUSES), reviewed: isoDate.optional() }).strict().optional(),
				ru: z.object({ status: z.enum(REVIEW_STATUSES), reviewed: isoDate.optional() }).strict().optional(),
				en: z.object({ status: z.enum(REVIEW_STATUSES), reviewed: isoDate.optional() }).strict().optional(),
			})
			.strict()
			.refine((locales) => Object.keys(locales).length > 0, 'declare at least one locale'),
		lessons: z.array(slug).min(1, 'list at least one lesson'),
		sources: z
			.array(
				z
					.object({
						id: slug,
						// A plain string is one title for every language; per-locale titles name the source in
						// the learner's language, with `original` (its own title) shown beside them.
						title: z.union([text, localized]),
						original: text.optional(),
						url: z.string().url().optional(),
					})
					.strict(),
			)
			.min(1, 'list the sources the course relies on'),
	})
	.strict()

export type CourseMeta = z.infer<typeof courseSchema>
export type CourseSource = CourseMeta['sources'][number]
export type RetakePolicy = NonNullable<CourseMeta['retake']>

export const frontmatterSchema = z
	.object({
		title: text,
		minutes: z.number().positive().max(60),
		contentNote: text.optional(),
	})
	.strict()

export type LessonFrontmatter = z.infer<typeof frontmatterSchema>

const QUESTION_TYPES = ['single', 'multiple', 'truefalse', 'scenario'] as const

const optionText = z.object({ text: text.optional(), feedback: text.optional() }).strict()
const optionId = z.union([z.string(), z.boolean()]).transform(String).pipe(slug)

const questionText = z
	.object({
		situation: text.optional(),
		prompt: text,
		options: z.record(z.string(), optionText).optional(),
		explanation: text,
	})
	.strict()

export const quizSchema = z
	.object({
		passMark: z.number().int().min(1, 'must be between 1 and 100').max(100, 'must be between 1 and 100'),
		draw: z.number().int().positive().optional(),
		questions: z
			.array(
				z
					.object({
						id: slug,
						type: z.enum(QUESTION_TYPES),
						lesson: slug.optional(),
						/** The lesson section a wrong answer is sent back to: `section-N`, its n-th `##` heading. */
						section: z.string().regex(/^section-[1-9][0-9]?$/, 'must be section-N: the lesson\'s N-th ## heading').optional(),
						source: slug.optional(),
						options: z.array(optionId).optional(),
						correct: z.array(optionId).min(1, 'name the correct answer'),
						kk: questionText.optional(),
						ru: questionText.optional(),
						en: questionText.optional(),
					})
					.strict(),
			)
			.min(1, 'a quiz needs questions'),
	})
	.strict()

export type QuizDefinition = z.infer<typeof quizSchema>
export type QuizQuestionDefinition = QuizDefinition['questions'][number]

/** The options a question offers: true/false questions have fixed ones. */
export function questionOptions(question: Pick<QuizQuestionDefinition, 'type' | 'options'>): string[] {
	return question.type === 'truefalse' ? ['true', 'false'] : (question.options ?? [])
}

export function courseLocales(meta: CourseMeta): Locale[] {
	return LOCALES.filter((locale) => meta.locales[locale] !== undefined)
}
