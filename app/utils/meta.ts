import type { MetaDescriptor } from '@remix-run/node'

type RootTitles = { appName: string; errorTitles: { notFound: string; unexpected: string } }
type MatchLike = { id: string; data: unknown }

/** A page's <title>: "Page — Qorgau", or the error's title when the page failed. */
export function pageMeta(args: { data?: { title?: string } | undefined; matches: MatchLike[]; error?: unknown }): MetaDescriptor[] {
	const root = args.matches.find((match) => match.id === 'root')?.data as RootTitles | undefined
	if (!root) return []
	const title = args.error
		? isNotFound(args.error)
			? root.errorTitles.notFound
			: root.errorTitles.unexpected
		: args.data?.title
	return [{ title: title ? `${title} — ${root.appName}` : root.appName }]
}

function isNotFound(error: unknown) {
	return typeof error === 'object' && error !== null && 'status' in error && error.status === 404
}
