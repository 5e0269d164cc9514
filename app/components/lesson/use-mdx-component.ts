import { getMDXComponent } from 'mdx-bundler/client/index.js'
import { useMemo } from 'react'

/** The compiled lesson as a component, created once per code string. */
export function useMdxComponent(code: string) {
	return useMemo(() => getMDXComponent(code), [code])
}
