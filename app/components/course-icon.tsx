import type { ReactElement } from 'react'
import type { CourseIconName } from '~/config/course-icons.ts'

// Line drawings on a 24-unit grid, drawn in the text colour (so dark mode and print follow), a few
// hundred bytes each: inline, so a card costs no extra request.
const SHAPES: Record<CourseIconName, ReactElement> = {
	eye: (
		<>
			<path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12Z" />
			<circle cx="12" cy="12" r="3" />
		</>
	),
	people: (
		<>
			<circle cx="9" cy="7" r="3" />
			<path d="M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6M16 4a3 3 0 0 1 0 6M21 20c0-2.6-1.6-4.8-4-5.6" />
		</>
	),
	shield: <path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6l8-3ZM9 12l2 2 4-4" />,
	heart: <path d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10Z" />,
	home: <path d="M3 11l9-7 9 7M5 10v10h14V10M10 20v-6h4v6" />,
	lifebuoy: (
		<>
			<circle cx="12" cy="12" r="9" />
			<circle cx="12" cy="12" r="4" />
			<path d="M5.6 5.6l3.6 3.6M14.8 14.8l3.6 3.6M18.4 5.6l-3.6 3.6M9.2 14.8l-3.6 3.6" />
		</>
	),
	speech: <path d="M4 5h16v11H9l-5 4V5ZM8 9h8M8 12h5" />,
	briefcase: (
		<>
			<rect x="3" y="7" width="18" height="13" rx="2" />
			<path d="M9 7V5h6v2M3 13h18" />
		</>
	),
	book: <path d="M4 5a2 2 0 0 1 2-2h14v16H6a2 2 0 0 0-2 2V5ZM4 19a2 2 0 0 1 2-2h14" />,
}

/** Decoration only: the card's heading says what the course is. */
export function CourseIcon({ name }: { name: CourseIconName }) {
	return (
		<svg className="course-icon" viewBox="0 0 24 24" width="40" height="40" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
			{SHAPES[name]}
		</svg>
	)
}
