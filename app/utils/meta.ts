import type { MetaDescriptor } from '@remix-run/node'

type RootTitles = { appName: string; description: string; discreetTitle: string | null; errorTitles: { notFound: string; unexpected: string } }
type MatchLike = { id: string; data: unknown }

/**
 * A page's <title>: "Page — Qorgau", the error's title when the page failed, or, in discreet
 * mode, the neutral title on every page; and its description (the page's own, or the site's).
 */
export function pageMeta(args: {
	data?: { title?: string; description?: string } | undefined
	matches: MatchLike[]
	error?: unknown
	/** The title is used as it is, without " — Qorgau". */
	bare?: boolean
}): MetaDescriptor[] {
	const root = args.matches.find((match) => match.id === 'root')?.data as RootTitles | undefined
	if (!root) return []
	// Discreet mode: nothing about the topic, not even for search engines' snippets.
	if (root.discreetTitle) return [{ title: root.discreetTitle }]
	const description = { name: 'description', content: args.data?.description ?? root.description }
	const title = args.error
		? isNotFound(args.error)
			? root.errorTitles.notFound
			: root.errorTitles.unexpected
		: args.data?.title
	if (!title) return [{ title: root.appName }, description]
	return [{ title: args.bare ? title : `${title} — ${root.appName}` }, description]
}

function isNotFound(error: unknown) {
	return typeof error === 'object' && error !== null && 'status' in error && error.status === 404
}
