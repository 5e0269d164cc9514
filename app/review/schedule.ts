// Spaced review with no HTTP and no database: which quiz questions come back after a course,
// when (FSRS, through ts-fsrs), and which of them make up the next two-minute review
// (docs/decisions/018-spaced-review-and-offline.md).
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from 'ts-fsrs'
import type { QuizDefinition } from '~/courses/schema.ts'
import type { Grade as QuizGrade } from '~/quiz/grading.ts'

/** About two minutes: a scenario takes twenty to thirty seconds to read and answer. */
export const REVIEW_SIZE = 5

/**
 * Day-sized steps only (no minutes-later repeats): a learner comes back on another day, and the
 * same question again within ten minutes tests short-term memory, not what lasts. No fuzz, so a
 * schedule can be checked.
 */
const scheduler = fsrs(generatorParameters({ enable_short_term: false, enable_fuzz: false }))

/** The memory state we store per learner and question. */
export type CardState = {
	due: Date
	stability: number
	difficulty: number
	elapsedDays: number
	scheduledDays: number
	learningSteps: number
	reps: number
	lapses: number
	state: number
	lastReview: Date | null
}

function toCard(state: CardState): Card {
	return {
		due: state.due,
		stability: state.stability,
		difficulty: state.difficulty,
		elapsed_days: state.elapsedDays,
		scheduled_days: state.scheduledDays,
		learning_steps: state.learningSteps,
		reps: state.reps,
		lapses: state.lapses,
		state: state.state,
		last_review: state.lastReview ?? undefined,
	}
}

function fromCard(card: Card): CardState {
	return {
		due: card.due,
		stability: card.stability,
		difficulty: card.difficulty,
		elapsedDays: card.elapsed_days,
		scheduledDays: card.scheduled_days,
		learningSteps: card.learning_steps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state,
		lastReview: card.last_review ?? null,
	}
}

/**
 * A graded answer is the rating: wrong is "again", right is "good". The learner is never asked to
 * rate themselves, so the rating is the server's, from the answer key the phone never sees.
 */
function ratingOf(correct: boolean): Grade {
	return correct ? Rating.Good : Rating.Again
}

/** The next state of a card (a new one when `state` is null) after an answer at `now`. */
export function review(state: CardState | null, correct: boolean, now: Date): CardState {
	const card = state ? toCard(state) : createEmptyCard(now)
	return fromCard(scheduler.next(card, now, ratingOf(correct)).card)
}

/**
 * A lesson's key point, for review, is its first question in quiz.yaml (the one whose `lesson:`
 * names it); courses/README.md says so to authors.
 */
export function keyPointQuestions(quiz: QuizDefinition): Set<string> {
	const seen = new Set<string>()
	const keys = new Set<string>()
	for (const question of quiz.questions) {
		if (!question.lesson || seen.has(question.lesson)) continue
		seen.add(question.lesson)
		keys.add(question.id)
	}
	return keys
}

type CardUpdate = { questionId: string; state: CardState }

/**
 * What a quiz attempt does to the learner's cards: a question already being reviewed moves with
 * the answer; otherwise a missed question, or a lesson's key point, starts being reviewed. Right
 * answers to other questions start nothing: they were known, and the review stays short.
 */
export function cardsFromAttempt(quiz: QuizDefinition, grade: QuizGrade, existing: ReadonlyMap<string, CardState>, now: Date): CardUpdate[] {
	const keys = keyPointQuestions(quiz)
	return grade.results.flatMap((result) => {
		const current = existing.get(result.questionId) ?? null
		if (!current && result.correct && !keys.has(result.questionId)) return []
		return [{ questionId: result.questionId, state: review(current, result.correct, now) }]
	})
}

export type DueCard = { courseSlug: string; questionId: string; due: Date }

/**
 * The next review: the course whose card is most overdue, and up to REVIEW_SIZE of its due cards,
 * most overdue first (one course at a time, so a review reads as one subject).
 */
export function nextReview(due: readonly DueCard[], now: Date): { courseSlug: string; questionIds: string[] } | null {
	const ready = due.filter((card) => card.due.getTime() <= now.getTime()).sort((a, b) => a.due.getTime() - b.due.getTime())
	const first = ready[0]
	if (!first) return null
	const questionIds = ready.filter((card) => card.courseSlug === first.courseSlug).slice(0, REVIEW_SIZE).map((card) => card.questionId)
	return { courseSlug: first.courseSlug, questionIds }
}
