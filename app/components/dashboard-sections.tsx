// The group dashboard's folding (issue 21): each course's report folds under its heading, and the
// question statistics, long and needed less often, wait behind their own toggle. Plain <details>:
// they open and close without JavaScript.
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** One course's report; open at first, its heading is the toggle (a heading is allowed in <summary>). */
export function CourseSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
	return (
		<details className="course-report" open>
			<summary className="course-report__summary">
				<h2 id={id}>{title}</h2>
			</summary>
			<section aria-labelledby={id}>{children}</section>
		</details>
	)
}

/** The per-question statistics of a course, closed until asked for. */
export function ItemStatistics({ children }: { children: ReactNode }) {
	const { t } = useTranslation()
	return (
		<details className="item-statistics">
			<summary>{t('groupLayout.itemsToggle')}</summary>
			{children}
		</details>
	)
}
