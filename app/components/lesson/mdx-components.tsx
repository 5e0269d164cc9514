// The components lesson authors use (documented in courses/README.md). Every one is plain HTML
// first: reveals are <details>, so they work without JavaScript.
import { Children, createContext, isValidElement, useContext, type ReactElement, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { HelplineCard, HelplineNumber } from '~/components/helplines.tsx'
import { HELPLINE_IDS, type HelplineId } from '~/config/helplines.ts'
import type { Locale } from '~/config/i18n.ts'

export type CitedSource = { id: string; number: number; title: string; original: string | null; originalLang: Locale | null; url: string | null }

export const LessonSourcesContext = createContext<CitedSource[]>([])

/** Where a lesson's <Choice> posts, and what the learner chose before (practice, decision 008). */
export type LessonPractice = { action: string; picks: Record<string, number> }
export const LessonPracticeContext = createContext<LessonPractice>({ action: '', picks: {} })

function Callout({ children }: { children: ReactNode }) {
	return <div className="callout">{children}</div>
}

function KeyPoint({ children }: { children: ReactNode }) {
	const { t } = useTranslation()
	return (
		<aside className="key-point">
			<p className="key-point__label">{t('lesson.keyPoint')}</p>
			<div className="key-point__text">{children}</div>
		</aside>
	)
}

function Scenario({ children }: { children: ReactNode }) {
	const { t } = useTranslation()
	return (
		<section className="scenario">
			<h2 className="scenario__title">{t('lesson.scenarioTitle')}</h2>
			{children}
		</section>
	)
}

function Reveal({ children }: { children: ReactNode }) {
	const { t } = useTranslation()
	return (
		<details className="reveal">
			<summary>{t('lesson.reveal')}</summary>
			<div className="reveal__body">{children}</div>
		</details>
	)
}

function Check({ question, children }: { question: string; children: ReactNode }) {
	const { t } = useTranslation()
	return (
		<section className="check">
			<h2 className="check__title">{t('lesson.checkTitle')}</h2>
			<p className="check__question">{question}</p>
			<p className="check__hint">{t('lesson.checkHint')}</p>
			<div className="check__options">{children}</div>
		</section>
	)
}

function Option({ correct = false, feedback, children }: { correct?: boolean; feedback: string; children: ReactNode }) {
	const { t } = useTranslation()
	return (
		<details className="check-option">
			<summary>{children}</summary>
			<p className={correct ? 'check-option__feedback check-option__feedback--right' : 'check-option__feedback'}>
				<strong>{correct ? t('lesson.right') : t('lesson.notQuite')}</strong> {feedback}
			</p>
		</details>
	)
}

type PickProps = { best?: boolean; feedback: string; children: ReactNode }

/** One option of a <Choice>; rendered by its Choice, never on its own. */
function Pick(_props: PickProps): null {
	return null
}

/**
 * A scenario that asks first: the learner chooses, then sees what each option leads to. A plain
 * HTML form posting to the lesson's practice action (the body is HTML rendered on the server,
 * lesson-body.server.tsx), so it works the same with and without JavaScript; the choice is saved
 * as practice and never graded.
 */
function Choice({ id, question, children }: { id: string; question: string; children: ReactNode }) {
	const { t } = useTranslation()
	const { action, picks } = useContext(LessonPracticeContext)
	const options = Children.toArray(children).filter((child): child is ReactElement<PickProps> => isValidElement(child) && child.type === Pick)
	const picked = picks[id]
	const answered = picked !== undefined && picked < options.length
	return (
		<section className="choice-scenario" id={`choice-${id}`} aria-labelledby={`choice-${id}-question`}>
			<h2 className="scenario__title">{t('practice.title')}</h2>
			<p id={`choice-${id}-question`} className="check__question">
				{question}
			</p>
			{answered ? (
				<>
					<ul className="choice-scenario__results">
						{options.map((option, index) => (
							<li key={index} className={option.props.best ? 'choice-scenario__option choice-scenario__option--best' : 'choice-scenario__option'}>
								<p>
									<strong>{option.props.children}</strong>{' '}
									{index === picked ? <span className="option__tag">{t('practice.yourChoice')}</span> : null}{' '}
									{option.props.best ? <span className="option__tag">{t('practice.best')}</span> : null}
								</p>
								<p className="check-option__feedback">{option.props.feedback}</p>
							</li>
						))}
					</ul>
					<p className="small">{t('practice.notGraded')}</p>
				</>
			) : (
				<form method="post" action={action}>
					<input type="hidden" name="choice" value={id} />
					<fieldset className="question">
						<legend className="visually-hidden">{question}</legend>
						{options.map((option, index) => (
							<label key={index} className="choice">
								<input type="radio" name="pick" value={index} required />
								<span>{option.props.children}</span>
							</label>
						))}
					</fieldset>
					<p className="check__hint">{t('practice.hint')}</p>
					<button type="submit" className="button button--secondary">
						{t('practice.submit')}
					</button>
				</form>
			)}
		</section>
	)
}

function Helpline({ id }: { id: string }) {
	// courses:check rejects unknown ids; an unknown one renders nothing rather than a wrong number.
	return (HELPLINE_IDS as string[]).includes(id) ? <HelplineNumber id={id as HelplineId} /> : null
}

function Source({ id }: { id: string }) {
	const { t } = useTranslation()
	const source = useContext(LessonSourcesContext).find((entry) => entry.id === id)
	if (!source) return null
	return (
		<sup className="source-ref">
			<a href={`#source-${source.id}`} aria-label={t('lesson.sourceRef', { number: source.number, title: source.title })}>
				[{source.number}]
			</a>
		</sup>
	)
}

function ContentNote({ children }: { children: ReactNode }) {
	const { t } = useTranslation()
	return (
		<aside className="content-note">
			<p className="content-note__label">{t('lesson.contentNote')}</p>
			{children}
		</aside>
	)
}

export const mdxComponents = {
	Callout,
	KeyPoint,
	Scenario,
	Reveal,
	Check,
	Option,
	Choice,
	Pick,
	HelplineCard: () => <HelplineCard />,
	Helpline,
	Source,
	ContentNote,
}
