// The browser's side of string bundles (app/config/string-bundles.ts): each locale's bundle is a
// chunk of its own, fetched when a page needs it.
import type { i18n } from 'i18next'
import { DEFAULT_NAMESPACE, type Locale } from '~/config/i18n.ts'
import type { ExtraBundle } from '~/config/string-bundles.ts'

type Strings = { default: Record<string, unknown> }
const files: Record<'common' | ExtraBundle, Record<Locale, () => Promise<Strings>>> = {
	common: { kk: () => import('~/locales/kk/common.json'), ru: () => import('~/locales/ru/common.json'), en: () => import('~/locales/en/common.json') },
	orgs: { kk: () => import('~/locales/kk/orgs.json'), ru: () => import('~/locales/ru/orgs.json'), en: () => import('~/locales/en/orgs.json') },
	pupils: { kk: () => import('~/locales/kk/pupils.json'), ru: () => import('~/locales/ru/pupils.json'), en: () => import('~/locales/en/pupils.json') },
	account: { kk: () => import('~/locales/kk/account.json'), ru: () => import('~/locales/ru/account.json'), en: () => import('~/locales/en/account.json') },
	info: { kk: () => import('~/locales/kk/info.json'), ru: () => import('~/locales/ru/info.json'), en: () => import('~/locales/en/info.json') },
	credentials: { kk: () => import('~/locales/kk/credentials.json'), ru: () => import('~/locales/ru/credentials.json'), en: () => import('~/locales/en/credentials.json') },
	staff: { kk: () => import('~/locales/kk/staff.json'), ru: () => import('~/locales/ru/staff.json'), en: () => import('~/locales/en/staff.json') },
	learning: { kk: () => import('~/locales/kk/learning.json'), ru: () => import('~/locales/ru/learning.json'), en: () => import('~/locales/en/learning.json') },
	assessment: { kk: () => import('~/locales/kk/assessment.json'), ru: () => import('~/locales/ru/assessment.json'), en: () => import('~/locales/en/assessment.json') },
	packages: { kk: () => import('~/locales/kk/packages.json'), ru: () => import('~/locales/ru/packages.json'), en: () => import('~/locales/en/packages.json') },
	lti: { kk: () => import('~/locales/kk/lti.json'), ru: () => import('~/locales/ru/lti.json'), en: () => import('~/locales/en/lti.json') },
	reminders: { kk: () => import('~/locales/kk/reminders.json'), ru: () => import('~/locales/ru/reminders.json'), en: () => import('~/locales/en/reminders.json') },
	oneroster: { kk: () => import('~/locales/kk/oneroster.json'), ru: () => import('~/locales/ru/oneroster.json'), en: () => import('~/locales/en/oneroster.json') },
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
