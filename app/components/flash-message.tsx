/** The one-shot message the previous action left (app/utils/flash.server.ts), already translated. */
export function FlashMessage({ text }: { text: string | null | undefined }) {
	if (!text) return null
	return (
		<p className="notice notice--success flash" role="status">
			{text}
		</p>
	)
}
