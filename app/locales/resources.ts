// Every UI string, by locale and namespace. The server holds all of them; the browser loads
// only the page's locale (app/entry.client.tsx).
import type { Locale } from '~/config/i18n.ts'
import enCommon from './en/common.json'
import enPupils from './en/pupils.json'
import kkCommon from './kk/common.json'
import kkPupils from './kk/pupils.json'
import ruCommon from './ru/common.json'
import ruPupils from './ru/pupils.json'

export const resources = {
	kk: { common: kkCommon, pupils: kkPupils },
	ru: { common: ruCommon, pupils: ruPupils },
	en: { common: enCommon, pupils: enPupils },
} satisfies Record<Locale, Record<string, unknown>>
