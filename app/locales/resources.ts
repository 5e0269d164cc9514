// Every UI string, by locale and namespace. The server holds all of them; the browser loads
// only the page's locale (app/entry.client.tsx).
import type { Locale } from '~/config/i18n.ts'
import enCommon from './en/common.json'
import kkCommon from './kk/common.json'
import ruCommon from './ru/common.json'

export const resources = {
	kk: { common: kkCommon },
	ru: { common: ruCommon },
	en: { common: enCommon },
} satisfies Record<Locale, Record<string, unknown>>
