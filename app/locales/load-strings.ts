// The browser's side of string bundles (app/config/string-bundles.ts): each locale's bundle is a
// chunk of its own, fetched when a page needs it.
import type { i18n } from 'i18next'
import { DEFAULT_NAMESPACE, type Locale } from '~/config/i18n.ts'
import type { ExtraBundle } from '~/config/string-bundles.ts'

type Strings = { default: Record<string, unknown> }
const files: Record<'common' | ExtraBundle, Record<Locale, () => Promise<Strings>>> = {
	common: { kk: () => import('./kk/common.json'), ru: () => import('./ru/common.json'), en: () => import('./en/common.json') },
	orgs: { kk: () => import('./kk/orgs.json'), ru: () => import('./ru/orgs.json'), en: () => import('./en/orgs.json') },
	pupils: { kk: () => import('./kk/pupils.json'), ru: () => import('./ru/pupils.json'), en: () => import('./en/pupils.json') },
	account: { kk: () => import('./kk/account.json'), ru: () => import('./ru/account.json'), en: () => import('./en/account.json') },
	info: { kk: () => import('./kk/info.json'), ru: () => import('./ru/info.json'), en: () => import('./en/info.json') },
	credentials: { kk: () => import('./kk/credentials.json'), ru: () => import('./ru/credentials.json'), en: () => import('./en/credentials.json') },
	staff: { kk: () => import('./kk/staff.json'), ru: () => import('./ru/staff.json'), en: () => import('./en/staff.json') },
	learning: { kk: () => import('./kk/learning.json'), ru: () => import('./ru/learning.json'), en: () => import('./en/learning.json') },
	assessment: { kk: () => import('./kk/assessment.json'), ru: () => import('./ru/assessment.json'), en: () => import('./en/assessment.json') },
	packages: { kk: () => import('./kk/packages.json'), ru: () => import('./ru/packages.json'), en: () => import('./en/packages.json') },
	lti: { kk: () => import('./kk/lti.json'), ru: () => import('./ru/lti.json'), en: () => import('./en/lti.json') },
	reminders: { kk: () => import('./kk/reminders.json'), ru: () => import('./ru/reminders.json'), en: () => import('./en/reminders.json') },
	oneroster: { kk: () => import('./kk/oneroster.json'), ru: () => import('./ru/oneroster.json'), en: () => import('./en/oneroster.json') },
}
const loaded = new Set<string>()

/** The common strings and the named bundles, merged as the server merges them. */
export async function loadStrings(locale: Locale, bundles: readonly ExtraBundle[]): Promise<Record<string, unknown>> {
	const parts = await Promise.all(['common' as const, ...bundles].map((bundle) => files[bundle][locale]()))
	for (const bundle of bundles) loaded.add(`${locale}:${bundle}`)
	return Object.assign({}, ...parts.map((part) => part.default)) as Record<string, unknown>
}

/** After a client-side navigation to a page that needs a bundle not yet here. */
export async function addBundles(instance: i18n, locale: Locale, bundles: readonly ExtraBundle[]) {
	for (const bundle of bundles) {
		if (loaded.has(`${locale}:${bundle}`)) continue
		const strings = await files[bundle][locale]()
		loaded.add(`${locale}:${bundle}`)
		instance.addResourceBundle(locale, DEFAULT_NAMESPACE, strings.default, true, true)
	}
}
