// The questions of a graded form (the quiz, the spaced review), one fieldset each: texts and option ids
// only, never which option is right (decision 008). Unanswered questions are marked and linked
// from an error summary.
import { forwardRef } from 'react'
import { useTranslation } from 'react-i18next'

type FormQuestion = { id: string; multiple: boolean; situation: string | null; prompt: string; options: { id: string; text: string }[] }

export const ErrorSummary = forwardRef<HTMLDivElement, { questions: FormQuestion[]; missing: Set<string> }>(function ErrorSummary({ questions, missing }, ref) {
	const { t } = useTranslation()
	if (missing.size === 0) return null
	return (
		<div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
			<h2 id="error-summary-title">{t('quiz.errorSummaryTitle')}</h2>
			<ul>
				{questions
					.filter((question) => missing.has(question.id))
					.map((question) => (
						<li key={question.id}>
							<a href={`#question-${question.id}`}>{t('quiz.questionNumber', { number: questions.indexOf(question) + 1, total: questions.length })}</a>
						</li>
					))}
			</ul>
		</div>
	)
})

export function QuestionFieldsets({ questions, missing, chosen }: { questions: FormQuestion[]; missing: Set<string>; chosen: (questionId: string, option: string) => boolean }) {
	const { t } = useTranslation()
	return questions.map((question, index) => {
		const errorId = `question-${question.id}-error`
		return (
			<fieldset
				key={question.id}
				id={`question-${question.id}`}
				className={missing.has(question.id) ? 'question question--error' : 'question'}
				aria-describedby={missing.has(question.id) ? errorId : undefined}
			>
				<legend>
					<span className="question__number">{t('quiz.questionNumber', { number: index + 1, total: questions.length })}</span>
					{question.situation ? <span className="question__situation">{question.situation}</span> : null}
					<span className="question__prompt">{question.prompt}</span>
				</legend>
				<p className="question__hint">{question.multiple ? t('quiz.chooseAll') : t('quiz.chooseOne')}</p>
				{missing.has(question.id) ? (
					<p id={errorId} className="field-error">
						{t('quiz.missingAnswer')}
					</p>
				) : null}
				{question.options.map((option) => (
					<label key={option.id} className="choice">
						<input type={question.multiple ? 'checkbox' : 'radio'} name={`q-${question.id}`} value={option.id} defaultChecked={chosen(question.id, option.id)} />
						<span>{option.text}</span>
					</label>
				))}
			</fieldset>
		)
	})
}
