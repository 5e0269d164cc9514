import type { ReactNode } from 'react'

/** A data table with a caption and column headers; rows start with a `<th scope="row">`. */
export function ResultsTable({ caption, columns, children }: { caption: string; columns: string[]; children: ReactNode }) {
	return (
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
	)
}
