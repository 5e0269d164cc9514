import type { ReactNode } from 'react'

/**
 * The box a wide table scrolls sideways in on a phone. The keyboard can reach and scroll it too:
 * a region in the tab order, named like its table (axe's scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
	return (
		<div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
			{children}
		</div>
	)
}

/** A data table with a caption and column headers; rows start with a `<th scope="row">`. */
export function ResultsTable({ caption, columns, children }: { caption: string; columns: string[]; children: ReactNode }) {
	return (
		<TableScroll label={caption}>
			<table className="results">
				<caption>{caption}</caption>
				<thead>
					<tr>
						{columns.map((column) => (
							<th key={column} scope="col">
								{column}
							</th>
						))}
					</tr>
				</thead>
				<tbody>{children}</tbody>
			</table>
		</TableScroll>
	)
}
