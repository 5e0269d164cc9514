// Every UI string, by locale. The server holds all of them, every bundle merged into the one
// namespace; the browser loads only the page's locale and the bundles its routes declare
// (app/entry.client.tsx, app/config/string-bundles.ts).
import type { Locale } from '~/config/i18n.ts'
import enCommon from '~/locales/en/common.json'
import enOrgs from '~/locales/en/orgs.json'
import enPupils from '~/locales/en/pupils.json'
import enAccount from '~/locales/en/account.json'
import enInfo from '~/locales/en/info.json'
import enCredentials from '~/locales/en/credentials.json'
import enStaff from '~/locales/en/staff.json'
import enLearning from '~/locales/en/learning.json'
import enAssessment from '~/locales/en/assessment.json'
import enPackages from '~/locales/en/packages.json'
import enLti from '~/locales/en/lti.json'
import enReminders from '~/locales/en/reminders.json'
import enOneroster from '~/locales/en/oneroster.json'
import kkCommon from '~/locales/kk/common.json'
import kkOrgs from '~/locales/kk/orgs.json'
import kkPupils from '~/locales/kk/pupils.json'
import kkAccount from '~/locales/kk/account.json'
import kkInfo from '~/locales/kk/info.json'
import kkCredentials from '~/locales/kk/credentials.json'
import kkStaff from '~/locales/kk/staff.json'
import kkLearning from '~/locales/kk/learning.json'
import kkAssessment from '~/locales/kk/assessment.json'
import kkPackages from '~/locales/kk/packages.json'
import kkLti from '~/locales/kk/lti.json'
import kkReminders from '~/locales/kk/reminders.json'
import kkOneroster from '~/locales/kk/oneroster.json'
import ruCommon from '~/locales/ru/common.json'
import ruOrgs from '~/locales/ru/orgs.json'
import ruPupils from '~/locales/ru/pupils.json'
import ruAccount from '~/locales/ru/account.json'
import ruInfo from '~/locales/ru/info.json'
import ruCredentials from '~/locales/ru/credentials.json'
import ruStaff from '~/locales/ru/staff.json'
import ruAssessment from '~/locales/ru/assessment.json'
import ruLearning from '~/locales/ru/learning.json'
import ruPackages from '~/locales/ru/packages.json'
import ruLti from '~/locales/ru/lti.json'
import ruReminders from '~/locales/ru/reminders.json'
import ruOneroster from '~/locales/ru/oneroster.json'

export const resources = {
	kk: { common: { ...kkCommon, ...kkOrgs, ...kkPupils, ...kkAccount, ...kkInfo, ...kkAssessment, ...kkCredentials, ...kkLearning, ...kkPackages, ...kkLti, ...kkStaff, ...kkReminders, ...kkOneroster } },
	ru: { common: { ...ruCommon, ...ruOrgs, ...ruPupils, ...ruAccount, ...ruInfo, ...ruAssessment, ...ruCredentials, ...ruLearning, ...ruPackages, ...ruLti, ...ruStaff, ...ruReminders, ...ruOneroster } },
	en: { common: { ...enCommon, ...enOrgs, ...enPupils, ...enAccount, ...enInfo, ...enAssessment, ...enCredentials, ...enLearning, ...enPackages, ...enLti, ...enStaff, ...enReminders, ...enOneroster } },
} satisfies Record<Locale, Record<string, unknown>>
