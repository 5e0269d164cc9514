// xAPI 1.0.3 statements about learning in Qorgau, in the shape cmi5 gives its statements
// (decision 022): ADL verbs, the course as the activity a registration is about, lessons and
// questions as its parts, results with scaled scores and ISO 8601 durations. Pure: the caller
// gives ids, times and the pseudonymous actor.

const VERBS = {
	completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
	passed: { id: 'http://adlnet.gov/expapi/verbs/passed', display: { 'en-US': 'passed' } },
	failed: { id: 'http://adlnet.gov/expapi/verbs/failed', display: { 'en-US': 'failed' } },
	answered: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
} as const

type Verb = keyof typeof VERBS

const ACTIVITY_TYPES = {
	course: 'http://adlnet.gov/expapi/activities/course',
	lesson: 'http://adlnet.gov/expapi/activities/lesson',
	assessment: 'http://adlnet.gov/expapi/activities/assessment',
	question: 'http://adlnet.gov/expapi/activities/cmi.interaction',
} as const

/** A learner as an organisation's store knows them: an account on Qorgau with an opaque name. */
type Actor = { objectType: 'Agent'; account: { homePage: string; name: string } }

export function pseudonymousActor(origin: string, opaqueName: string): Actor {
	return { objectType: 'Agent', account: { homePage: origin, name: opaqueName } }
}

const activityIds = {
	course: (origin: string, course: string) => `${origin}/courses/${course}`,
	lesson: (origin: string, course: string, lesson: string) => `${origin}/courses/${course}/lessons/${lesson}`,
	quiz: (origin: string, course: string) => `${origin}/courses/${course}/quiz`,
	question: (origin: string, course: string, question: string) => `${origin}/courses/${course}/quiz/questions/${encodeURIComponent(question)}`,
}

type Activity = { objectType: 'Activity'; id: string; definition: { type: string } }

function activity(id: string, type: string): Activity {
	return { objectType: 'Activity', id, definition: { type } }
}

/** What every statement about one learner in one course shares. */
export type StatementFrame = {
	id: string
	origin: string
	actor: Actor
	/** The cmi5 registration: one UUID per learner and course in this organisation. */
	registration: string
	course: string
	timestamp: Date
}

const courseActivity = (frame: StatementFrame) => activity(activityIds.course(frame.origin, frame.course), ACTIVITY_TYPES.course)

/**
 * Not cmi5-defined statements (those come from a cmi5 session in an LMS): no cmi5 category, so
 * an LMS never takes them for its own session's moveOn; otherwise cmi5's rules for results and
 * context.
 */
function statement(frame: StatementFrame, verb: Verb, object: Activity, extra: { result?: object; parent?: Activity[] } = {}) {
	return {
		id: frame.id,
		version: '1.0.3',
		actor: frame.actor,
		verb: VERBS[verb],
		object,
		...(extra.result ? { result: extra.result } : {}),
		context: {
			registration: frame.registration,
			platform: 'Qorgau',
			contextActivities: {
				...(extra.parent ? { parent: extra.parent } : {}),
				grouping: [courseActivity(frame)],
			},
		},
		timestamp: frame.timestamp.toISOString(),
	}
}

export type Statement = ReturnType<typeof statement>

/** ISO 8601 duration with hundredths of a second, as xAPI and cmi5 want it. */
export function isoDuration(ms: number): string {
	const centis = Math.max(0, Math.round(ms / 10))
	const hours = Math.floor(centis / 360_000)
	const minutes = Math.floor((centis % 360_000) / 6000)
	const seconds = (centis % 6000) / 100
	return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds}S`
}

function lessonCompleted(frame: StatementFrame, lesson: string) {
	return statement(frame, 'completed', activity(activityIds.lesson(frame.origin, frame.course, lesson), ACTIVITY_TYPES.lesson), {
		result: { completion: true },
		parent: [courseActivity(frame)],
	})
}

/** Every lesson of the course is done: the course is completed (cmi5's "completed"). */
function courseCompleted(frame: StatementFrame) {
	return statement(frame, 'completed', courseActivity(frame), { result: { completion: true } })
}

type AttemptResult = { score: number; maxScore: number; passed: boolean; durationMs: number }

/** The graded quiz: passed or failed, with the score (the course is the object, as in cmi5). */
function quizJudged(frame: StatementFrame, attempt: AttemptResult) {
	return statement(frame, attempt.passed ? 'passed' : 'failed', courseActivity(frame), {
		result: {
			score: { scaled: attempt.maxScore ? Math.round((attempt.score / attempt.maxScore) * 10_000) / 10_000 : 0, raw: attempt.score, min: 0, max: attempt.maxScore },
			success: attempt.passed,
			duration: isoDuration(attempt.durationMs),
		},
	})
}

/**
 * One answered question. Only whether it was right is said: the chosen options with that would
 * give the store the answer key.
 */
function questionAnswered(frame: StatementFrame, questionId: string, correct: boolean) {
	const quiz = activity(activityIds.quiz(frame.origin, frame.course), ACTIVITY_TYPES.assessment)
	return statement(frame, 'answered', activity(activityIds.question(frame.origin, frame.course, questionId), ACTIVITY_TYPES.question), {
		result: { success: correct },
		parent: [quiz],
	})
}

/** What a graded attempt says: each answered question, then passed or failed. */
export function attemptStatements(attempt: AttemptResult & { results: readonly { questionId: string; correct: boolean }[] }) {
	return (frame: () => StatementFrame) => [...attempt.results.map((result) => questionAnswered(frame(), result.questionId, result.correct)), quizJudged(frame(), attempt)]
}

/** What a first completion of a lesson says, and of the course when it was the last lesson. */
export function completionStatements(lesson: string, courseDone: boolean) {
	return (frame: () => StatementFrame) => [lessonCompleted(frame(), lesson), ...(courseDone ? [courseCompleted(frame())] : [])]
}
