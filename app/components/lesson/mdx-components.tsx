// The components lesson authors use (documented in courses/README.md). Every one is plain HTML
// first: reveals are <details>, so they work without JavaScript.
import { createContext, useContext, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { HelplineCard, HelplineNumber } from '~/components/helplines.tsx'
import { HELPLINE_IDS, type HelplineId } from '~/config/helplines.ts'
import type { Locale } from '~/config/i18n.ts'

export type CitedSource = { id: string; number: number; title: string; original: string | null; originalLang: Locale | null; url: string | null }

export const LessonSourcesContext = createContext<CitedSource[]>([])

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
	HelplineCard: () => <HelplineCard />,
	Helpline,
	Source,
	ContentNote,
}
