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
	'Choice',
	'Pick',
] as const

export type LessonReferences = {
	elements: { name: string; attributes: Record<string, string | true>; line: number }[]
	links: { url: string; line: number }[]
	texts: { value: string; line: number }[]
	/** The ids given to the lesson's `##` headings, in order (see sectionId). */
	sections: string[]
}

type CompiledLesson = { code: string; frontmatter: Record<string, unknown>; references: LessonReferences }

type MdastNode = {
	type: string
	name?: string | null
	url?: string
	value?: string
	attributes?: { type: string; name?: string; value?: unknown }[]
	position?: { start: { line: number } }
	depth?: number
	data?: { hProperties?: Record<string, string> }
	children?: MdastNode[]
}

/**
 * The anchor of a lesson's n-th `##` heading (1-based). Numbered rather than taken from the words,
 * so a quiz question's `section` links to the same place in every language.
 */
function sectionId(position: number): string {
	return `section-${position}`
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
			if (node.type === 'heading' && node.depth === 2) {
				const id = sectionId(references.sections.length + 1)
				references.sections.push(id)
				node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id } }
			}
			node.children?.forEach(walk)
		}
		walk(tree)
	}
}

export async function compileLesson(source: string): Promise<CompiledLesson> {
	const references: LessonReferences = { elements: [], links: [], texts: [], sections: [] }
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
	return createHash('sha256').update(`mdx-v2\0${MDX_COMPONENTS.join(',')}\0${source}`).digest('hex')
}

/** Each <Choice> with the <Pick>s between it and the next one (MDX gives elements in source order). */
export function choicesOf(references: LessonReferences): { id: string; picks: number; line: number; best: number }[] {
	const choices = references.elements.filter((element) => element.name === 'Choice')
	const picks = references.elements.filter((element) => element.name === 'Pick')
	return choices.map((choice, index) => {
		const end = choices[index + 1]?.line ?? Infinity
		const own = picks.filter((pick) => pick.line > choice.line && pick.line < end)
		return { id: String(choice.attributes.id ?? ''), picks: own.length, line: choice.line, best: own.filter((pick) => pick.attributes.best === true).length }
	})
}
