// One source as a learner reads it: the title in their language, linked when it has an address,
// and the source's own title beside it so it can be found.
import type { ShownSource } from '~/courses/sources.ts'

export function SourceTitle({ source }: { source: Pick<ShownSource, 'title' | 'original' | 'originalLang' | 'url'> }) {
	return (
		<>
			{source.url ? <a href={source.url}>{source.title}</a> : source.title}
			{source.original ? (
				<>
					{' '}
					(<span lang={source.originalLang ?? undefined}>{source.original}</span>)
				</>
			) : null}
		</>
	)
}
