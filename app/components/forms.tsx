// Form pieces: labelled fields with translated errors, and the honeypot. Errors are translation
// keys coming from the zod schemas (app/utils/account-fields.ts, app/auth/account-schemas.ts) or the server.
import type { ComponentProps } from 'react'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'

/** `values` fills the messages' placeholders ("3 to {{max}} characters"). */
export function ErrorList({ id, errors, values }: { id?: string; errors?: string[]; values?: Record<string, unknown> }) {
	const { t } = useTranslation()
	if (!errors?.length) return null
	return (
		<ul id={id} className="field-errors">
			{errors.map((error) => (
				<li key={error} className="field-error">
					{t(error, values)}
				</li>
			))}
		</ul>
	)
}

export function Field({
	label,
	hint,
	errors,
	inputProps,
}: {
	label: string
	hint?: string
	errors?: string[]
	inputProps: ComponentProps<'input'>
}) {
	const fallbackId = useId()
	const id = inputProps.id ?? fallbackId
	const hintId = hint ? `${id}-hint` : undefined
	const errorId = errors?.length ? `${id}-error` : undefined
	return (
		<div className="field">
			<label htmlFor={id}>{label}</label>
			{hint ? (
				<p id={hintId} className="field__hint">
					{hint}
				</p>
			) : null}
			<ErrorList id={errorId} errors={errors} />
			<input
				{...inputProps}
				id={id}
				aria-invalid={errorId ? true : undefined}
				aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
			/>
		</div>
	)
}

/** A field people never see or reach; a filled one marks a bot. */
export function Honeypot() {
	const { t } = useTranslation()
	// A page may carry several forms with a honeypot (/login has two): ids must stay unique.
	const id = useId()
	return (
		<div className="visually-hidden" aria-hidden="true">
			<label htmlFor={id}>{t('forms.honeypot')}</label>
			<input id={id} name="website" type="text" tabIndex={-1} autoComplete="off" />
		</div>
	)
}
