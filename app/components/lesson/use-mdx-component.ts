import { getMDXComponent } from 'mdx-bundler/client/index.js'
import { useMemo } from 'react'

type MdxComponent = ReturnType<typeof getMDXComponent>

// Evaluating a lesson's code (new Function over the whole bundle) builds its component. On the
// server every render is a new component instance, so useMemo alone evaluated the lesson on
// every request (found with `npm run bench`). The component is a pure function of its code, so
// recent lessons' components are kept, keyed by the code itself; the oldest goes first.
const MAX_KEPT = 200
const components = new Map<string, MdxComponent>()

function mdxComponent(code: string): MdxComponent {
	let component = components.get(code)
	if (!component) {
		component = getMDXComponent(code)
		if (components.size >= MAX_KEPT) components.delete(components.keys().next().value!)
		components.set(code, component)
	}
	return component
}

/** The compiled lesson as a component, created once per code string. */
export function useMdxComponent(code: string) {
	return useMemo(() => mdxComponent(code), [code])
}
