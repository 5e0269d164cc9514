// Compiles lesson MDX on the server (mdx-bundler) and notes, in the same pass, what the course
// check needs: components, links and sources used, with their lines.
import { createHash } from 'node:crypto'
import { bundleMDX } from 'mdx-bundler'
import remarkGfm from 'remark-gfm'

export const MDX_COMPONENTS = [
	'Callout',
	'KeyPoint',
	'Scenario',
	'Reveal',
	'Check',
	'Option',
	'HelplineCard',
	'Helpline',
	'Source',
	'ContentNote',
] as const

export type LessonReferences = {
	elements: { name: string; attributes: Record<string, string | true>; line: number }[]
	links: { url: string; line: number }[]
	texts: { value: string; line: number }[]
}

export type CompiledLesson = { code: string; frontmatter: Record<string, unknown>; references: LessonReferences }

type MdastNode = {
	type: string
	name?: string | null
	url?: string
	value?: string
	attributes?: { type: string; name?: string; value?: unknown }[]
	position?: { start: { line: number } }
	children?: MdastNode[]
}

function collectReferences(references: LessonReferences) {
	return () => (tree: MdastNode) => {
		const walk = (node: MdastNode) => {
			const line = node.position?.start.line ?? 1
			if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name) {
				const attributes: Record<string, string | true> = {}
				for (const attribute of node.attributes ?? []) {
					if (attribute.type !== 'mdxJsxAttribute' || !attribute.name) continue
					attributes[attribute.name] = typeof attribute.value === 'string' ? attribute.value : true
				}
				references.elements.push({ name: node.name, attributes, line })
			}
			if ((node.type === 'link' || node.type === 'definition') && node.url) references.links.push({ url: node.url, line })
			if (node.type === 'text' && node.value) references.texts.push({ value: node.value, line })
			node.children?.forEach(walk)
		}
		walk(tree)
	}
}

export async function compileLesson(source: string): Promise<CompiledLesson> {
	const references: LessonReferences = { elements: [], links: [], texts: [] }
	const result = await bundleMDX({
		source,
		mdxOptions(options) {
			options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm, collectReferences(references)]
			return options
		},
		esbuildOptions(options) {
			options.minify = true
			options.logLevel = 'silent'
			options.target = ['es2020']
			return options
		},
	})
	return { code: result.code, frontmatter: result.frontmatter, references }
}

/** The cache key: the source and everything that shapes its compiled form. */
export function lessonHash(source: string): string {
	return createHash('sha256').update(`mdx-v1\0${MDX_COMPONENTS.join(',')}\0${source}`).digest('hex')
}
