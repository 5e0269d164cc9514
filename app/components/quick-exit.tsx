// "Exit now": a plain link to a neutral site, on every page, first after the skip link. With
// JavaScript it also hides the page at once, replaces this history entry (Back does not come
// here) and listens for Shift pressed three times or Escape twice. Behaviour modelled on the
// documented GOV.UK "Exit this page" and NSW "Quick exit" components (decision 009).
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'

const PRESS_WINDOW_MS = 5000
const SHIFT_PRESSES = 3
const ESCAPE_PRESSES = 2

function exitNow(url: string) {
	document.documentElement.classList.add('exiting')
	document.title = ''
	window.location.replace(url)
}

/** Counts presses of one key within a time window; any other key starts over. */
function pressCounter(needed: number, windowMs: number, now: () => number = Date.now) {
	let times: number[] = []
	return {
		press(): number {
			const at = now()
			times = [...times.filter((time) => at - time < windowMs), at]
			return times.length >= needed ? ((times = []), needed) : times.length
		},
		reset() {
			times = []
		},
	}
}

export function QuickExit({ url }: { url: string }) {
	const { t } = useTranslation()
	const [announcement, setAnnouncement] = useState('')

	useEffect(() => {
		const shift = pressCounter(SHIFT_PRESSES, PRESS_WINDOW_MS)
		const escape = pressCounter(ESCAPE_PRESSES, PRESS_WINDOW_MS)
		const onKey = (event: KeyboardEvent) => {
			if (event.repeat) return
			const [counter, needed] = event.key === 'Shift' ? [shift, SHIFT_PRESSES] : event.key === 'Escape' ? [escape, ESCAPE_PRESSES] : [null, 0]
			if (!counter) {
				shift.reset()
				escape.reset()
				return
			}
			;(counter === shift ? escape : shift).reset()
			const count = counter.press()
			if (count >= needed) {
				setAnnouncement(t('quickExit.leaving'))
				exitNow(url)
			} else {
				setAnnouncement(t(event.key === 'Shift' ? 'quickExit.shiftMore' : 'quickExit.escapeMore', { count: needed - count }))
			}
		}
		// Coming back with Back from the neutral site: show the page again.
		const onPageShow = (event: PageTransitionEvent) => {
			if (event.persisted) document.documentElement.classList.remove('exiting')
		}
		document.addEventListener('keydown', onKey)
		window.addEventListener('pageshow', onPageShow)
		// Tells styles and browser tests that the shortcut is live.
		document.documentElement.classList.add('quick-exit-ready')
		return () => {
			document.removeEventListener('keydown', onKey)
			window.removeEventListener('pageshow', onPageShow)
		}
	}, [t, url])

	return (
		<div className="quick-exit">
			<a
				className="quick-exit__link"
				href={url}
				rel="noreferrer"
				onClick={(event) => {
					event.preventDefault()
					exitNow(url)
				}}
			>
				{t('quickExit.label')}
			</a>
			<span className="visually-hidden">{t('quickExit.hint')}</span>
			<span className="visually-hidden" role="status" aria-live="polite">
				{announcement}
			</span>
		</div>
	)
}
