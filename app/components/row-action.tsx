// One button that posts an intent about one row of a list or a table (remove this member, cancel
// this invite, remove this platform): a form of its own, so it works without JavaScript.
import { Form } from '@remix-run/react'

export function RowAction({
	intent,
	name,
	value,
	label,
	inline = false,
}: {
	intent: string
	/** The field that names the row (`user`, `invite`, `platform`). */
	name: string
	value: string
	/** Best naming the row too ("Remove Aigerim"): a screen reader may list the buttons out of context. */
	label: string
	/** Sits on the line of the text before it (className inline-form). */
	inline?: boolean
}) {
	return (
		<Form method="post" className={inline ? 'inline-form' : undefined}>
			<input type="hidden" name="intent" value={intent} />
			<input type="hidden" name={name} value={value} />
			<button type="submit" className="button button--secondary">
				{label}
			</button>
		</Form>
	)
}
