/** Where to come back to after signing in: only paths of this site. */
export function safeRedirect(target: unknown, fallback = '/'): string {
	return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') && !target.includes('\\') ? target : fallback
}
