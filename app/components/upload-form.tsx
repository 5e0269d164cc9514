// The file-upload form of the CSV and ZIP imports (pupils' enrolment, invitations, OneRoster):
// a multipart form that works without JavaScript, posts intent=preview with the file as `file`,
// and shows the server's message above the field when the last upload was refused.
import { Form } from '@remix-run/react'

export function UploadForm({
	labelledBy,
	label,
	hint,
	accept,
	error,
	submit,
}: {
	/** The id of the heading that names the form. */
	labelledBy: string
	label: string
	/** The limits (rows, size) said under the label. */
	hint: string
	accept: string
	/** The refusal of the last upload, already translated. */
	error?: string | null
	submit: string
}) {
	return (
		<Form method="post" encType="multipart/form-data" aria-labelledby={labelledBy}>
			<input type="hidden" name="intent" value="preview" />
			{error ? (
				<p className="field-error" id="file-error" role="alert">
					{error}
				</p>
			) : null}
			<div className="field">
				<label htmlFor="file">{label}</label>
				<p className="field__hint" id="file-hint">
					{hint}
				</p>
				<input
					id="file"
					name="file"
					type="file"
					accept={accept}
					required
					aria-describedby={error ? 'file-hint file-error' : 'file-hint'}
					aria-invalid={error ? true : undefined}
				/>
			</div>
			<button type="submit" className="button">
				{submit}
			</button>
		</Form>
	)
}
