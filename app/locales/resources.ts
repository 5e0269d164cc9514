// Every UI string, by locale. The server holds all of them, every bundle merged into the one
// namespace; the browser loads only the page's locale and the bundles its routes declare
// (app/entry.client.tsx, app/config/string-bundles.ts).
import type { Locale } from '~/config/i18n.ts'
import enCommon from './en/common.json'
import enOrgs from './en/orgs.json'
import enPupils from './en/pupils.json'
import enAccount from './en/account.json'
import enInfo from './en/info.json'
import enCredentials from './en/credentials.json'
import enStaff from './en/staff.json'
import enLearning from './en/learning.json'
import enAssessment from './en/assessment.json'
import enPackages from './en/packages.json'
import enLti from './en/lti.json'
import enReminders from './en/reminders.json'
import enOneroster from './en/oneroster.json'
import kkCommon from './kk/common.json'
import kkOrgs from './kk/orgs.json'
import kkPupils from './kk/pupils.json'
import kkAccount from './kk/account.json'
import kkInfo from './kk/info.json'
import kkCredentials from './kk/credentials.json'
import kkStaff from './kk/staff.json'
import kkLearning from './kk/learning.json'
import kkAssessment from './kk/assessment.json'
import kkPackages from './kk/packages.json'
import kkLti from './kk/lti.json'
import kkReminders from './kk/reminders.json'
import kkOneroster from './kk/oneroster.json'
import ruCommon from './ru/common.json'
import ruOrgs from './ru/orgs.json'
import ruPupils from './ru/pupils.json'
import ruAccount from './ru/account.json'
import ruInfo from './ru/info.json'
import ruCredentials from './ru/credentials.json'
import ruStaff from './ru/staff.json'
import ruAssessment from './ru/assessment.json'
import ruLearning from './ru/learning.json'
import ruPackages from './ru/packages.json'
import ruLti from './ru/lti.json'
import ruReminders from './ru/reminders.json'
import ruOneroster from './ru/oneroster.json'

export const resources = {
	kk: { common: { ...kkCommon, ...kkOrgs, ...kkPupils, ...kkAccount, ...kkInfo, ...kkAssessment, ...kkCredentials, ...kkLearning, ...kkPackages, ...kkLti, ...kkStaff, ...kkReminders, ...kkOneroster } },
	ru: { common: { ...ruCommon, ...ruOrgs, ...ruPupils, ...ruAccount, ...ruInfo, ...ruAssessment, ...ruCredentials, ...ruLearning, ...ruPackages, ...ruLti, ...ruStaff, ...ruReminders, ...ruOneroster } },
	en: { common: { ...enCommon, ...enOrgs, ...enPupils, ...enAccount, ...enInfo, ...enAssessment, ...enCredentials, ...enLearning, ...enPackages, ...enLti, ...enStaff, ...enReminders, ...enOneroster } },
} satisfies Record<Locale, Record<string, unknown>>
