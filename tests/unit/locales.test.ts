import { expect, test } from 'vitest'
import { LOCALES } from '~/config/i18n.ts'
import { resources } from '~/locales/resources.ts'

/** Every key path; plural forms (which differ by language) count as one key. */
function keys(value: unknown, prefix = ''): string[] {
	if (typeof value !== 'object' || value === null) return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')]
	return [...new Set(Object.entries(value).flatMap(([key, inner]) => keys(inner, prefix ? `${prefix}.${key}` : key)))]
}

function leaves(value: unknown): unknown[] {
	return typeof value === 'object' && value !== null ? Object.values(value).flatMap(leaves) : [value]
}

test.each(LOCALES)('%s has exactly the English keys, none empty', (locale) => {
	for (const [namespace, strings] of Object.entries(resources.en)) {
		const translated = resources[locale][namespace as keyof typeof resources.en]
		expect(keys(translated).sort()).toEqual(keys(strings).sort())
		for (const leaf of leaves(translated)) expect(typeof leaf === 'string' && leaf.trim().length > 0).toBe(true)
	}
})
