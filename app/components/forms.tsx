// Form pieces: labelled fields with translated errors, and the honeypot. Errors are translation
// keys coming from the zod schemas (app/utils/account-fields.ts, app/auth/account-schemas.ts) or the server.
import type { ComponentProps } from 'react'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'

export function ErrorList({ id, errors }: { id?: string; errors?: string[] }) {
	const { t } = useTranslation()
	if (!errors?.length) return null
	return (
		<ul id={id} className="field-errors">
			{errors.map((error) => (
				<li key={error} className="field-error">
					{t(error)}
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
	return (
		<div className="visually-hidden" aria-hidden="true">
			<label htmlFor="website">{t('forms.honeypot')}</label>
			<input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
		</div>
	)
}
