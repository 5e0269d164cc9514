import { useEffect, useState } from 'react'

/**
 * A button that opens the print dialogue. It needs JavaScript, so it appears only once the page's
 * scripts run; the text beside it tells how to print from the browser without it.
 */
export function PrintButton({ label }: { label: string }) {
	const [canPrint, setCanPrint] = useState(false)
	useEffect(() => setCanPrint(typeof window.print === 'function'), [])
	if (!canPrint) return null
	return (
		<p>
			<button type="button" className="button print-button" onClick={() => window.print()}>
				{label}
			</button>
		</p>
	)
}
