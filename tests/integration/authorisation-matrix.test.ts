// The authorisation matrix: every route × every kind of visitor → the status they must get,
// over the real production server with real sessions, and no answer may carry another person's
// or another organisation's data. It runs twice: the organisation in the paths is a school, then a
// workplace, with its owner, administrator and report viewer (decision 020).
//
// ADDING A ROUTE = ONE ENTRY in ROUTES below: the route file's id (its name in app/routes without
// the extension), the method, the path (built from the world in tests/setup/world.ts), a form
// for a POST, and the status per persona (the helpers everyone/signedIn/orgReaders/orgManagers/… cover the
// usual shapes; `workplace` overrides statuses where a workplace answers differently). A test fails while any file in app/routes has no entry. If the new route shows
// new kinds of private data, add them to PRIVATE below with who may see them.
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'

vi.hoisted(() => {
	// The server and this process sign session cookies with one secret.
	process.env.SESSION_SECRET = 'authorisation-matrix-secret-'.padEnd(48, 'm')
})

import { ROOT } from '../setup/paths.ts'
import { startServerOnTestDatabase, type RunningServer } from '../setup/server.ts'
import { buildWorld, PERSONAS, type Persona, type World } from '../setup/world.ts'

type Expect = Record<Persona, number>
type Route = {
	/** The file in app/routes, without its extension. */
	route: string
	method: 'GET' | 'POST'
	/** Shown in the test name. */
	label: string
	path: (w: World) => string
	form?: (w: World) => Record<string, string>
	expect: Expect
	/** Where a workplace's answer differs from a school's. */
	workplace?: Partial<Expect>
}

const everyone = (status: number): Expect => Object.fromEntries(PERSONAS.map((persona) => [persona, status])) as Expect
/** Accounts get `status`; visitors without one are sent to sign in. */
const signedIn = (status: number): Expect => ({ ...everyone(status), anonymous: 302, guest: 302 })
/** Only for visitors without an account; accounts are sent to their account page. */
const anonymousOnly = (status: number): Expect => ({ ...everyone(302), anonymous: status, guest: status })
/** Who reads the organisation's reports: owners, administrators, report viewers (and platform admins). */
const orgReaders = (status: number): Expect => ({ ...signedIn(403), viewer: status, admin: status, owner: status, platformAdmin: status })
/** Who manages groups, accounts, assignments and enrolment: owners and administrators (and platform admins). */
const orgManagers = (status: number): Expect => ({ ...signedIn(403), admin: status, owner: status, platformAdmin: status })
/** The organisation's owners (and platform admins) only. */
const orgOwner = (status: number): Expect => ({ ...signedIn(403), owner: status, platformAdmin: status })
/** The learner's own record: to anyone else it does not exist. */
const learnerOnly = (status: number, others = 404): Expect => ({ ...signedIn(others), learner: status })

const ROUTES: Route[] = [
	{ route: '_index', method: 'GET', label: '/', path: () => '/', expect: everyone(200) },
	{ route: '$', method: 'GET', label: '/no-such-page', path: () => '/no-such-page', expect: everyone(404) },
	{ route: '$', method: 'POST', label: '/no-such-page', path: () => '/no-such-page', form: () => ({ a: '1' }), expect: everyone(404) },
	{ route: 'healthz', method: 'GET', label: '/healthz', path: () => '/healthz', expect: everyone(200) },
	{ route: 'help', method: 'GET', label: '/help', path: () => '/help', expect: everyone(200) },
	{ route: 'safety', method: 'GET', label: '/safety', path: () => '/safety', expect: everyone(200) },
	{ route: 'safety', method: 'POST', label: '/safety', path: () => '/safety', form: () => ({ discreet: 'off' }), expect: everyone(302) },
	{ route: 'safety', method: 'POST', label: '/safety (remove the offline copies)', path: () => '/safety', form: () => ({ offline: 'remove' }), expect: everyone(200) },
	{ route: 'offline', method: 'GET', label: '/offline', path: () => '/offline', expect: everyone(200) },
	{ route: 'offline_.saved', method: 'GET', label: '/offline/saved', path: () => '/offline/saved', expect: everyone(200) },
	{ route: 'manifest[.]webmanifest', method: 'GET', label: '/manifest.webmanifest', path: () => '/manifest.webmanifest', expect: everyone(200) },
	{ route: 'review._index', method: 'GET', label: '/review', path: () => '/review', expect: everyone(200) },
	// Without a review token nothing is graded, whoever sends it.
	{ route: 'review._index', method: 'POST', label: '/review (no token)', path: () => '/review', form: () => ({ 'q-forms': 'money' }), expect: everyone(400) },
	{ route: 'review.$review', method: 'GET', label: '/review/:review (unknown)', path: () => '/review/not-a-review', expect: everyone(404) },

	{ route: 'courses._index', method: 'GET', label: '/courses', path: () => '/courses', expect: everyone(200) },
	{ route: 'courses.$course._index', method: 'GET', label: '/courses/:course', path: (w) => `/courses/${w.course}`, expect: everyone(200) },
	{ route: 'courses.$course.lessons.$lesson', method: 'GET', label: '/courses/:course/lessons/:lesson', path: (w) => `/courses/${w.course}/lessons/${w.lessons[0]}`, expect: everyone(200) },
	{ route: 'courses.$course.lessons.$lesson', method: 'POST', label: '/courses/:course/lessons/:lesson', path: (w) => `/courses/${w.course}/lessons/${w.lessons[0]}`, form: () => ({ intent: 'complete' }), expect: everyone(302) },
	{ route: 'courses.$course.lessons.$lesson_.body', method: 'GET', label: '/courses/:course/lessons/:lesson/body', path: (w) => `/courses/${w.course}/lessons/${w.lessons[0]}/body`, expect: everyone(200) },
	{ route: 'courses.$course.quiz', method: 'GET', label: '/courses/:course/quiz', path: (w) => `/courses/${w.course}/quiz`, expect: everyone(200) },
	// Without the token the quiz page gives, no submission is accepted, whoever sends it.
	{ route: 'courses.$course.quiz', method: 'POST', label: '/courses/:course/quiz (no token)', path: (w) => `/courses/${w.course}/quiz`, form: () => ({ 'q-forms': 'money' }), expect: everyone(400) },
	{ route: 'courses.$course.quiz_.attempts.$attempt', method: 'GET', label: "the learner's attempt", path: (w) => `/courses/${w.course}/quiz/attempts/${w.learner.attemptId}`, expect: { ...learnerOnly(200), anonymous: 404, guest: 404 } },
	{ route: 'courses.$course.quiz_.attempts.$attempt', method: 'GET', label: "another organisation's pupil's attempt", path: (w) => `/courses/${w.course}/quiz/attempts/${w.otherPupil.attemptId}`, expect: everyone(404) },
	// Issuing: only an eligible account gets a certificate (the learner already has it: 302 to it).
	{ route: 'courses.$course.quiz_.attempts.$attempt', method: 'POST', label: 'issue a certificate', path: (w) => `/courses/${w.course}/quiz/attempts/${w.learner.attemptId}`, form: () => ({ holderName: 'Some Name' }), expect: { ...learnerOnly(302, 400), anonymous: 302, guest: 302 } },

	// The certificate's name form (decision 008): the learner has one already (302 to it); other accounts are told what is missing.
	{ route: 'courses.$course.certificate', method: 'GET', label: '/courses/:course/certificate', path: (w) => `/courses/${w.course}/certificate`, expect: { ...signedIn(200), learner: 302 } },
	{ route: 'courses.$course.certificate', method: 'POST', label: '/courses/:course/certificate', path: (w) => `/courses/${w.course}/certificate`, form: () => ({ holderName: 'Some Name' }), expect: { ...signedIn(400), learner: 302 } },
	// Pre-test and lesson choices: practice, open to everyone, never anyone else's record.
	{ route: 'courses.$course.pretest', method: 'GET', label: '/courses/:course/pretest', path: () => '/courses/test-pool-course/pretest', expect: everyone(200) },
	{ route: 'courses.$course.pretest', method: 'POST', label: '/courses/:course/pretest (no token)', path: () => '/courses/test-pool-course/pretest', form: () => ({ 'q-salary': 'economic' }), expect: everyone(400) },
	{ route: 'courses.$course.lessons.$lesson_.practice', method: 'GET', label: '/courses/:course/lessons/:lesson/practice', path: () => '/courses/test-pool-course/lessons/control/practice', expect: everyone(302) },
	{ route: 'courses.$course.lessons.$lesson_.practice', method: 'POST', label: '/courses/:course/lessons/:lesson/practice', path: () => '/courses/test-pool-course/lessons/control/practice', form: () => ({ choice: 'phone-check', pick: '1' }), expect: everyone(302) },
	{ route: 'courses.$course.lessons.$lesson_.practice', method: 'POST', label: 'a choice the lesson lacks', path: (w) => `/courses/${w.course}/lessons/${w.lessons[0]}/practice`, form: () => ({ choice: 'phone-check', pick: '1' }), expect: everyone(400) },

	{ route: 'certificates.$code', method: 'GET', label: "the learner's certificate", path: (w) => `/certificates/${w.learner.certificateCode}`, expect: learnerOnly(200) },
	{ route: 'certificates.$code', method: 'POST', label: "the learner's certificate privacy", path: (w) => `/certificates/${w.learner.certificateCode}`, form: () => ({ showFullName: 'no' }), expect: learnerOnly(302) },
	{ route: 'certificates.$code_.pdf', method: 'GET', label: "the learner's certificate PDF", path: (w) => `/certificates/${w.learner.certificateCode}.pdf`, expect: learnerOnly(200) },
	{ route: 'certificates.$code', method: 'POST', label: "the learner's wallet DID", path: (w) => `/certificates/${w.learner.certificateCode}`, form: () => ({ intent: 'holderDid', holderDid: '' }), expect: learnerOnly(302) },
	{ route: 'certificates.$code_.credential', method: 'GET', label: "the learner's Open Badges credential", path: (w) => `/certificates/${w.learner.certificateCode}/credential`, expect: learnerOnly(200) },
	{ route: '[.well-known].did[.]json', method: 'GET', label: '/.well-known/did.json', path: () => '/.well-known/did.json', expect: everyone(200) },
	{ route: 'credentials.status', method: 'GET', label: '/credentials/status', path: () => '/credentials/status', expect: everyone(200) },
	{ route: 'verify', method: 'POST', label: '/verify (a pasted credential)', path: () => '/verify', form: () => ({ credential: '{"@context":[]}' }), expect: everyone(200) },
	{ route: 'verify', method: 'GET', label: '/verify', path: () => '/verify', expect: everyone(200) },
	{ route: 'verify', method: 'POST', label: '/verify (bulk)', path: () => '/verify', form: (w) => ({ codes: w.learner.certificateCode }), expect: everyone(200) },
	{ route: 'verify[.]csv', method: 'POST', label: '/verify.csv', path: () => '/verify.csv', form: (w) => ({ codes: w.learner.certificateCode }), expect: everyone(200) },
	{ route: 'verify[.]csv', method: 'GET', label: '/verify.csv', path: () => '/verify.csv', expect: everyone(302) },
	{ route: 'verify_.$code', method: 'GET', label: '/verify/:code', path: (w) => `/verify/${w.learner.certificateCode}`, expect: everyone(200) },

	{ route: 'signup', method: 'GET', label: '/signup', path: () => '/signup', expect: anonymousOnly(200) },
	{ route: 'signup', method: 'POST', label: '/signup (empty form)', path: () => '/signup', form: () => ({}), expect: anonymousOnly(400) },
	// An email sign-up's mailed link: an unknown one creates nothing, for anyone.
	{ route: 'signup_.$token', method: 'GET', label: '/signup/:token (unknown)', path: () => '/signup/not-a-token', expect: everyone(400) },
	{ route: 'signup_.$token', method: 'POST', label: '/signup/:token (unknown)', path: () => '/signup/not-a-token', form: () => ({}), expect: everyone(400) },
	{ route: 'login', method: 'GET', label: '/login', path: () => '/login', expect: anonymousOnly(200) },
	{ route: 'login', method: 'POST', label: '/login (empty form)', path: () => '/login', form: () => ({}), expect: anonymousOnly(400) },
	{ route: 'reset-password', method: 'GET', label: '/reset-password', path: () => '/reset-password', expect: anonymousOnly(200) },
	{ route: 'reset-password', method: 'POST', label: '/reset-password (empty form)', path: () => '/reset-password', form: () => ({}), expect: anonymousOnly(400) },
	{ route: 'reset-password_.$token', method: 'GET', label: '/reset-password/:token (unknown)', path: () => '/reset-password/not-a-token', expect: everyone(400) },
	{ route: 'reset-password_.$token', method: 'POST', label: '/reset-password/:token (unknown)', path: () => '/reset-password/not-a-token', form: () => ({ newPassword: 'a-long-enough-password' }), expect: everyone(400) },
	{ route: 'account', method: 'GET', label: '/account', path: () => '/account', expect: signedIn(200) },
	{ route: 'account', method: 'POST', label: '/account (no intent)', path: () => '/account', form: () => ({}), expect: signedIn(400) },
	{ route: 'account_.language', method: 'GET', label: '/account/language', path: () => '/account/language', expect: everyone(302) },
	{ route: 'account_.language', method: 'POST', label: '/account/language (bad locale)', path: () => '/account/language', form: () => ({ locale: 'xx' }), expect: signedIn(400) },
	{ route: 'account_.language', method: 'POST', label: '/account/language', path: () => '/account/language', form: () => ({ locale: 'kk', redirectTo: '/account' }), expect: everyone(302) },
	{ route: 'account_.export', method: 'GET', label: '/account/export', path: () => '/account/export', expect: signedIn(200) },
	// Notices (reminders, decision 015): dismissing is the signed-in person's own; another's id changes nothing.
	{ route: 'account_.notices', method: 'GET', label: '/account/notices', path: () => '/account/notices', expect: everyone(302) },
	{ route: 'account_.notices', method: 'POST', label: '/account/notices (no notice)', path: () => '/account/notices', form: () => ({}), expect: signedIn(400) },
	{ route: 'account_.notices', method: 'POST', label: '/account/notices (unknown notice)', path: () => '/account/notices', form: () => ({ notice: 'no-such-notice' }), expect: signedIn(302) },

	{ route: 'join', method: 'GET', label: '/join', path: () => '/join', expect: signedIn(200) },
	{ route: 'join', method: 'POST', label: '/join (unknown code)', path: () => '/join', form: () => ({ code: 'NOSUCHCODE' }), expect: signedIn(400) },
	{ route: 'orgs._index', method: 'GET', label: '/orgs', path: () => '/orgs', expect: signedIn(200) },
	{ route: 'orgs._index', method: 'POST', label: '/orgs (invalid form)', path: () => '/orgs', form: () => ({ name: '' }), expect: signedIn(400) },
	{ route: 'orgs.$org._index', method: 'GET', label: '/orgs/:org', path: (w) => `/orgs/${w.org.slug}`, expect: orgReaders(200) },
	{ route: 'orgs.$org._index', method: 'GET', label: "/orgs/:org (the other organisation's)", path: (w) => `/orgs/${w.otherOrg.slug}`, expect: { ...signedIn(403), otherAdmin: 200, platformAdmin: 200 } },
	{ route: 'orgs.$org._index', method: 'POST', label: '/orgs/:org (invalid group name)', path: (w) => `/orgs/${w.org.slug}`, form: () => ({ name: '' }), expect: orgManagers(400) },
	{ route: 'orgs.$org.groups.$group', method: 'GET', label: '/orgs/:org/groups/:group', path: (w) => `/orgs/${w.org.slug}/groups/${w.group.id}`, expect: orgReaders(200) },
	{ route: 'orgs.$org.groups.$group', method: 'GET', label: '/orgs/:org/groups/:group (the learner table sorted and filtered)', path: (w) => `/orgs/${w.org.slug}/groups/${w.group.id}?q=a&status=certified&overdue=1&sort=score&dir=desc&page=2`, expect: orgReaders(200) },
	// Another organisation's group under this organisation's address: it is not here.
	{ route: 'orgs.$org.groups.$group', method: 'GET', label: "/orgs/:org/groups/:group (the other organisation's group)", path: (w) => `/orgs/${w.org.slug}/groups/${w.otherGroup.id}`, expect: orgReaders(404) },
	{ route: 'orgs.$org.groups.$group', method: 'POST', label: '/orgs/:org/groups/:group (unknown course)', path: (w) => `/orgs/${w.org.slug}/groups/${w.group.id}`, form: () => ({ course: 'no-such-course' }), expect: orgManagers(400) },
	{ route: 'orgs.$org.groups.$group', method: 'POST', label: "/orgs/:org/groups/:group (the other organisation's group)", path: (w) => `/orgs/${w.org.slug}/groups/${w.otherGroup.id}`, form: (w) => ({ course: w.course }), expect: orgManagers(404) },

	{ route: 'orgs.$org.learners.$learner', method: 'GET', label: '/orgs/:org/learners/:learner', path: (w) => `/orgs/${w.org.slug}/learners/${w.pupil.id}`, expect: orgReaders(200) },
	{ route: 'orgs.$org.learners.$learner', method: 'GET', label: "/orgs/:org/learners/:learner (the other organisation's learner)", path: (w) => `/orgs/${w.org.slug}/learners/${w.otherPupil.id}`, expect: orgReaders(404) },
	{ route: 'orgs.$org.learners.$learner', method: 'GET', label: '/orgs/:org/learners/:learner (an unknown id)', path: (w) => `/orgs/${w.org.slug}/learners/no-such-learner`, expect: orgReaders(404) },
	{ route: 'orgs.$org.learners.$learner', method: 'GET', label: "/orgs/:org/learners/:learner (this organisation's learner under the other organisation)", path: (w) => `/orgs/${w.otherOrg.slug}/learners/${w.pupil.id}`, expect: { ...signedIn(403), otherAdmin: 404, platformAdmin: 404 } },
	// Reminders (decision 015): owners and administrators; another organisation's assignment or learner is not here.
	{ route: 'orgs.$org.reminders', method: 'GET', label: '/orgs/:org/reminders', path: (w) => `/orgs/${w.org.slug}/reminders`, expect: orgManagers(302) },
	{ route: 'orgs.$org.reminders', method: 'POST', label: '/orgs/:org/reminders (no assignment)', path: (w) => `/orgs/${w.org.slug}/reminders`, form: () => ({}), expect: orgManagers(400) },
	{ route: 'orgs.$org.reminders', method: 'POST', label: '/orgs/:org/reminders (everyone overdue)', path: (w) => `/orgs/${w.org.slug}/reminders`, form: (w) => ({ assignment: w.assignment.id }), expect: orgManagers(302) },
	{ route: 'orgs.$org.reminders', method: 'POST', label: '/orgs/:org/reminders (one learner)', path: (w) => `/orgs/${w.org.slug}/reminders`, form: (w) => ({ assignment: w.assignment.id, learner: w.pupil.id }), expect: orgManagers(302) },
	{ route: 'orgs.$org.reminders', method: 'POST', label: "/orgs/:org/reminders (the other organisation's assignment)", path: (w) => `/orgs/${w.org.slug}/reminders`, form: (w) => ({ assignment: w.otherAssignment.id }), expect: orgManagers(404) },
	{ route: 'orgs.$org.reminders', method: 'POST', label: "/orgs/:org/reminders (the other organisation's learner)", path: (w) => `/orgs/${w.org.slug}/reminders`, form: (w) => ({ assignment: w.assignment.id, learner: w.otherPupil.id }), expect: orgManagers(404) },
	{ route: 'orgs.$org.groups.$group_.poster', method: 'GET', label: '/orgs/:org/groups/:group/poster', path: (w) => `/orgs/${w.org.slug}/groups/${w.group.id}/poster`, expect: orgManagers(200) },
	{ route: 'orgs.$org.groups.$group_.poster', method: 'GET', label: "/orgs/:org/groups/:group/poster (the other organisation's group)", path: (w) => `/orgs/${w.org.slug}/groups/${w.otherGroup.id}/poster`, expect: orgManagers(404) },
	{ route: 'orgs.$org.groups.$group_.export', method: 'GET', label: '/orgs/:org/groups/:group/export (learners)', path: (w) => `/orgs/${w.org.slug}/groups/${w.group.id}/export?course=${w.course}&table=learners`, expect: orgReaders(200) },
	{ route: 'orgs.$org.groups.$group_.export', method: 'GET', label: '/orgs/:org/groups/:group/export (totals)', path: (w) => `/orgs/${w.org.slug}/groups/${w.group.id}/export?course=${w.course}&table=totals`, expect: orgReaders(200) },
	{ route: 'orgs.$org.groups.$group_.export', method: 'GET', label: "/orgs/:org/groups/:group/export (the other organisation's group)", path: (w) => `/orgs/${w.org.slug}/groups/${w.otherGroup.id}/export?course=${w.course}&table=learners`, expect: orgReaders(404) },
	{ route: 'orgs.$org.groups.$group_.pupils', method: 'GET', label: '/orgs/:org/groups/:group/pupils', path: (w) => `/orgs/${w.org.slug}/groups/${w.group.id}/pupils`, expect: orgManagers(200), workplace: { admin: 404, owner: 404, platformAdmin: 404 } },
	{ route: 'orgs.$org.groups.$group_.pupils', method: 'GET', label: "/orgs/:org/groups/:group/pupils (the other organisation's group)", path: (w) => `/orgs/${w.org.slug}/groups/${w.otherGroup.id}/pupils`, expect: orgManagers(404) },
	{ route: 'orgs.$org.groups.$group_.pupils', method: 'POST', label: '/orgs/:org/groups/:group/pupils (no names)', path: (w) => `/orgs/${w.org.slug}/groups/${w.group.id}/pupils`, form: () => ({ intent: 'create', names: '' }), expect: orgManagers(400), workplace: { admin: 404, owner: 404, platformAdmin: 404 } },
	{ route: 'orgs.$org.groups.$group_.pupils', method: 'POST', label: "/orgs/:org/groups/:group/pupils (a new PIN for the other organisation's pupil)", path: (w) => `/orgs/${w.org.slug}/groups/${w.group.id}/pupils`, form: (w) => ({ intent: 'reset', pupil: w.otherPupil.id }), expect: orgManagers(404), workplace: { admin: 404, owner: 404, platformAdmin: 404 } },
	{ route: 'orgs.$org.groups.$group_.enrol', method: 'GET', label: '/orgs/:org/groups/:group/enrol', path: (w) => `/orgs/${w.org.slug}/groups/${w.group.id}/enrol`, expect: orgManagers(200), workplace: { admin: 404, owner: 404, platformAdmin: 404 } },
	{ route: 'orgs.$org.groups.$group_.enrol', method: 'GET', label: "/orgs/:org/groups/:group/enrol (the other organisation's group)", path: (w) => `/orgs/${w.org.slug}/groups/${w.otherGroup.id}/enrol`, expect: orgManagers(404) },
	// Not a file upload: refused before anything is read.
	{ route: 'orgs.$org.groups.$group_.enrol', method: 'POST', label: '/orgs/:org/groups/:group/enrol (not multipart)', path: (w) => `/orgs/${w.org.slug}/groups/${w.group.id}/enrol`, form: () => ({ intent: 'preview' }), expect: orgManagers(400), workplace: { admin: 404, owner: 404, platformAdmin: 404 } },
	// OneRoster import (decision 023): who enrols pupils, in a school (a workplace has no PIN accounts); a roster is only ever a multipart upload.
	{ route: 'orgs.$org.import.oneroster', method: 'GET', label: '/orgs/:org/import/oneroster', path: (w) => `/orgs/${w.org.slug}/import/oneroster`, expect: orgManagers(200), workplace: { admin: 404, owner: 404, platformAdmin: 404 } },
	{ route: 'orgs.$org.import.oneroster', method: 'POST', label: '/orgs/:org/import/oneroster (not multipart)', path: (w) => `/orgs/${w.org.slug}/import/oneroster`, form: () => ({ intent: 'preview' }), expect: orgManagers(400), workplace: { admin: 404, owner: 404, platformAdmin: 404 } },
	{ route: 'orgs.$org.members', method: 'GET', label: '/orgs/:org/members', path: (w) => `/orgs/${w.org.slug}/members`, expect: orgOwner(200) },
	{ route: 'orgs.$org.members', method: 'POST', label: '/orgs/:org/members (unknown role)', path: (w) => `/orgs/${w.org.slug}/members`, form: () => ({ intent: 'invite', role: 'teacher' }), expect: orgOwner(400) },
	{ route: 'orgs.$org.members', method: 'POST', label: '/orgs/:org/members (remove the other organisation\'s administrator)', path: (w) => `/orgs/${w.org.slug}/members`, form: (w) => ({ intent: 'remove', user: w.otherAdmin.id }), expect: orgOwner(404) },
	// A workplace has no PIN accounts or class CSV (decision 020): those pages are not there.
	{ route: 'orgs.$org.invitations', method: 'GET', label: '/orgs/:org/invitations', path: (w) => `/orgs/${w.org.slug}/invitations`, expect: orgManagers(200) },
	{ route: 'orgs.$org.invitations', method: 'POST', label: '/orgs/:org/invitations (no address)', path: (w) => `/orgs/${w.org.slug}/invitations`, form: () => ({ intent: 'invite', name: 'Someone', role: 'learner' }), expect: orgManagers(400) },
	{ route: 'orgs.$org.invitations', method: 'POST', label: '/orgs/:org/invitations (withdraw an unknown one)', path: (w) => `/orgs/${w.org.slug}/invitations`, form: () => ({ intent: 'withdraw', invitation: 'no-such-invitation' }), expect: orgManagers(404) },
	{ route: 'invitations.$token', method: 'GET', label: '/invitations/:token (unknown)', path: () => '/invitations/not-a-real-invitation-token', expect: everyone(404) },
	{ route: 'invitations.$token', method: 'POST', label: '/invitations/:token (unknown)', path: () => '/invitations/not-a-real-invitation-token', form: () => ({ intent: 'accept' }), expect: everyone(404) },
	{ route: 'invite.$token', method: 'GET', label: '/invite/:token (unknown)', path: () => '/invite/not-a-real-invite-token-at-all', expect: everyone(404) },
	{ route: 'invite.$token', method: 'POST', label: '/invite/:token (unknown)', path: () => '/invite/not-a-real-invite-token-at-all', form: () => ({}), expect: signedIn(404) },
	{ route: 'orgs.$org.settings', method: 'GET', label: '/orgs/:org/settings', path: (w) => `/orgs/${w.org.slug}/settings`, expect: orgOwner(200) },
	{ route: 'orgs.$org.settings', method: 'POST', label: '/orgs/:org/settings (invalid size)', path: (w) => `/orgs/${w.org.slug}/settings`, form: () => ({ minReportGroupSize: '0' }), expect: orgOwner(400) },
	// LMS packages and the LRS (decision 022): staff download packages; only owners set the LRS.
	{ route: 'orgs.$org.export._index', method: 'GET', label: '/orgs/:org/export', path: (w) => `/orgs/${w.org.slug}/export`, expect: orgManagers(200) },
	{ route: 'orgs.$org.export.$course.$package', method: 'GET', label: '/orgs/:org/export/:course/scorm-1.2.zip', path: (w) => `/orgs/${w.org.slug}/export/${w.course}/scorm-1.2.zip`, expect: orgManagers(200) },
	{ route: 'orgs.$org.export.$course.$package', method: 'GET', label: '/orgs/:org/export/:course/cmi5.zip', path: (w) => `/orgs/${w.org.slug}/export/${w.course}/cmi5.zip`, expect: orgManagers(200) },
	{ route: 'orgs.$org.export.$course.$package', method: 'GET', label: "/orgs/:org/export/:course/cmi5.zip (the other organisation's)", path: (w) => `/orgs/${w.otherOrg.slug}/export/${w.course}/cmi5.zip`, expect: { ...signedIn(403), otherAdmin: 200, platformAdmin: 200 } },
	{ route: 'orgs.$org.export.$course.$package', method: 'GET', label: '/orgs/:org/export/:course/other.zip', path: (w) => `/orgs/${w.org.slug}/export/${w.course}/other.zip`, expect: orgManagers(404) },
	{ route: 'orgs.$org.settings_.lrs', method: 'GET', label: '/orgs/:org/settings/lrs', path: (w) => `/orgs/${w.org.slug}/settings/lrs`, expect: orgOwner(200) },
	{ route: 'orgs.$org.settings_.lrs', method: 'POST', label: '/orgs/:org/settings/lrs (no endpoint)', path: (w) => `/orgs/${w.org.slug}/settings/lrs`, form: () => ({ intent: 'save', endpoint: 'not an address', username: 'key' }), expect: orgOwner(400) },
	{ route: 'orgs.$org.settings_.lrs', method: 'POST', label: "/orgs/:org/settings/lrs (the other organisation's)", path: (w) => `/orgs/${w.otherOrg.slug}/settings/lrs`, form: () => ({ intent: 'remove' }), expect: { ...signedIn(403), platformAdmin: 302 } },
	// Launches are reached with a launch's id and key, never with a session: the same for all.
	{ route: 'packages.launches', method: 'POST', label: '/packages/launches (not a package token)', path: () => '/packages/launches', form: () => ({ token: 'forged' }), expect: everyone(400) },
	{ route: 'packages.launches', method: 'GET', label: '/packages/launches', path: () => '/packages/launches', expect: everyone(405) },
	{ route: 'packages.launches.$launch', method: 'GET', label: '/packages/launches/:launch (unknown)', path: () => '/packages/launches/no-such-launch', expect: everyone(404) },
	{ route: 'packages.launches.$launch', method: 'POST', label: '/packages/launches/:launch (unknown)', path: () => '/packages/launches/no-such-launch', form: () => ({ intent: 'start' }), expect: everyone(404) },
	{ route: 'packages.launches.$launch_.result', method: 'POST', label: '/packages/launches/:launch/result (unknown)', path: () => '/packages/launches/no-such-launch/result', form: () => ({ key: 'guess' }), expect: everyone(404) },
	{ route: 'packages.launches.$launch_.result', method: 'GET', label: '/packages/launches/:launch/result', path: () => '/packages/launches/no-such-launch/result', expect: everyone(405) },
	{ route: 'orgs.$org.certificates', method: 'GET', label: '/orgs/:org/certificates', path: (w) => `/orgs/${w.org.slug}/certificates`, expect: orgReaders(200) },
	{ route: 'orgs.$org.certificates', method: 'GET', label: '/orgs/:org/certificates?show=renewal', path: (w) => `/orgs/${w.org.slug}/certificates?show=renewal`, expect: orgReaders(200) },
	{ route: 'orgs.$org.certificates', method: 'POST', label: "/orgs/:org/certificates (revoke the learner's, not a member)", path: (w) => `/orgs/${w.org.slug}/certificates`, form: (w) => ({ code: w.learner.certificateCode, reason: 'Not ours to revoke' }), expect: orgManagers(404) },
	{ route: 'orgs.$org.certificates_.export', method: 'GET', label: '/orgs/:org/certificates/export (CSV)', path: (w) => `/orgs/${w.org.slug}/certificates/export?format=csv`, expect: orgReaders(200) },

	// LTI (decision 021): what a platform sends is checked by its own signatures and state, so a
	// visitor's session changes nothing; the owner's settings page is the owner's.
	{ route: 'lti.login', method: 'GET', label: '/lti/login (no parameters)', path: () => '/lti/login', expect: everyone(400) },
	{ route: 'lti.login', method: 'POST', label: '/lti/login (a target outside this server)', path: () => '/lti/login', form: () => ({ iss: 'https://lms.example', login_hint: 'x', target_link_uri: 'http://127.0.0.1/courses' }), expect: everyone(400) },
	{ route: 'lti.launch', method: 'GET', label: '/lti/launch', path: () => '/lti/launch', expect: everyone(405) },
	{ route: 'lti.launch', method: 'POST', label: '/lti/launch (no login state)', path: () => '/lti/launch', form: () => ({ id_token: 'e30.e30.', state: 'AAAAAAAAAAAAAAAAAAAAAA' }), expect: everyone(401) },
	{ route: 'lti.continue', method: 'GET', label: '/lti/continue', path: () => '/lti/continue', expect: everyone(405) },
	{ route: 'lti.continue', method: 'POST', label: '/lti/continue (unknown token)', path: () => '/lti/continue', form: () => ({ token: 'e30.e30.' }), expect: everyone(400) },
	{ route: 'lti.jwks', method: 'GET', label: '/lti/jwks', path: () => '/lti/jwks', expect: everyone(200) },
	{ route: 'lti.deep-link', method: 'GET', label: '/lti/deep-link (no token)', path: () => '/lti/deep-link', expect: everyone(400) },
	{ route: 'lti.deep-link', method: 'POST', label: '/lti/deep-link (forged token)', path: () => '/lti/deep-link', form: () => ({ token: 'e30.e30.', item: 'course:sample-course' }), expect: everyone(400) },
	{ route: 'lti.register', method: 'GET', label: '/lti/register (unknown link)', path: () => '/lti/register?token=not-a-registration-token-at-all&openid_configuration=http%3A%2F%2F127.0.0.1%3A1%2F', expect: everyone(404) },
	{ route: 'lti.register', method: 'POST', label: '/lti/register (unknown link)', path: () => '/lti/register', form: () => ({ token: 'not-a-registration-token-at-all', openid_configuration: 'http://127.0.0.1:1/' }), expect: everyone(404) },
	{ route: 'orgs.$org.lti', method: 'GET', label: '/orgs/:org/lti', path: (w) => `/orgs/${w.org.slug}/lti`, expect: orgOwner(200) },
	{ route: 'orgs.$org.lti', method: 'POST', label: '/orgs/:org/lti (invalid platform)', path: (w) => `/orgs/${w.org.slug}/lti`, form: () => ({ intent: 'add', issuer: 'not a url' }), expect: orgOwner(400) },
	{ route: 'orgs.$org.lti', method: 'POST', label: "/orgs/:org/lti (remove another organisation's platform)", path: (w) => `/orgs/${w.org.slug}/lti`, form: () => ({ intent: 'remove', platform: 'not-ours' }), expect: orgOwner(404) },

	{ route: 'about', method: 'GET', label: '/about', path: () => '/about', expect: everyone(200) },

	{ route: 'logout', method: 'GET', label: '/logout', path: () => '/logout', expect: everyone(302) },
	// Last: it ends the session it is sent with.
	{ route: 'logout', method: 'POST', label: '/logout', path: () => '/logout', form: () => ({}), expect: everyone(302) },
]

/** Private strings of the world, and the personas who may see each (platform admins see all). */
function privateData(w: World): { text: string; what: string; seenBy: Persona[] }[] {
	const alpha: Persona[] = ['pupil', 'viewer', 'admin', 'owner']
	return [
		{ text: w.learner.displayName, what: "the learner's name", seenBy: ['learner'] },
		{ text: w.learner.certificateCode, what: "the learner's certificate code", seenBy: ['learner'] },
		{ text: w.pupil.displayName, what: "the pupil's name", seenBy: alpha },
		{ text: w.admin.displayName, what: "the administrator's name", seenBy: alpha },
		{ text: w.viewer.displayName, what: "the report viewer's name", seenBy: alpha },
		{ text: w.owner.displayName, what: "the owner's name", seenBy: alpha },
		{ text: w.org.name, what: "the organisation's name", seenBy: alpha },
		// Report viewers read reports only: the codes that let people in are for those who manage.
		{ text: w.org.code, what: "the organisation's code", seenBy: ['pupil', 'admin', 'owner'] },
		{ text: w.group.name, what: "the group's name", seenBy: alpha },
		{ text: `JA${w.tag.toUpperCase()}`, what: "the group's join code", seenBy: ['admin', 'owner'] },
		{ text: w.otherOrg.name, what: "the other organisation's name", seenBy: ['otherAdmin'] },
		{ text: w.otherOrg.code, what: "the other organisation's code", seenBy: ['otherAdmin'] },
		{ text: w.otherGroup.name, what: "the other organisation's class", seenBy: ['otherAdmin'] },
		{ text: `JB${w.tag.toUpperCase()}`, what: "the other class's join code", seenBy: ['otherAdmin'] },
		{ text: w.otherPupil.displayName, what: "the other organisation's pupil's name", seenBy: ['otherAdmin'] },
		{ text: w.otherAdmin.displayName, what: "the other organisation's administrator's name", seenBy: ['otherAdmin'] },
		{ text: w.otherOwner.displayName, what: "the other organisation's owner's name", seenBy: ['otherAdmin'] },
		{ text: w.platformAdmin.displayName, what: "the platform admin's name", seenBy: [] },
	]
}

const KINDS = ['school', 'workplace'] as const
type Kind = (typeof KINDS)[number]

let server: RunningServer
const worlds = {} as Record<Kind, World>

beforeAll(async () => {
	for (const kind of KINDS) worlds[kind] = await buildWorld(kind)
	server = await startServerOnTestDatabase()
})

afterAll(async () => {
	await server?.stop()
})

test('every route file has at least one entry in the matrix', () => {
	const files = readdirSync(path.join(ROOT, 'app/routes')).map((file) => file.replace(/\.(tsx?|jsx?)$/, ''))
	const covered = new Set(ROUTES.map((entry) => entry.route))
	expect(files.filter((file) => !covered.has(file))).toEqual([])
	expect([...covered].filter((route) => !files.includes(route))).toEqual([])
})

const statusFor = (entry: Route, kind: Kind, persona: Persona) => (kind === 'workplace' ? entry.workplace?.[persona] : undefined) ?? entry.expect[persona]

describe.each(KINDS.flatMap((kind) => PERSONAS.map((persona) => [kind, persona] as const)))('in a %s, as %s', (kind, persona) => {
	const cases = ROUTES.map((entry) => ({ entry, status: statusFor(entry, kind, persona) }))
	test.each(cases.map((c) => [`${c.entry.method} ${c.entry.label} → ${c.status}`, c] as const))('%s', async (_, { entry, status }) => {
		const world = worlds[kind]
		const target = entry.path(world)
		const cookie = world.cookies[persona]
		const form = entry.form?.(world)
		const response = await fetch(`${server.url}${target}`, {
			method: entry.method,
			redirect: 'manual',
			headers: { ...(cookie ? { Cookie: cookie } : {}), 'Accept-Language': 'en' },
			body: form ? new URLSearchParams(form) : undefined,
		})
		const body = await response.text()
		expect({ status: response.status, location: response.headers.get('Location') }).toMatchObject({ status })

		// No one else's data, in the body or in a redirect's address. What the request itself
		// named (a certificate code in the path) is not a leak.
		const asked = `${target} ${new URLSearchParams(form ?? {}).toString()}`
		const seen = `${body}\n${response.headers.get('Location') ?? ''}`
		const leaks = privateData(world)
			.filter((item) => persona !== 'platformAdmin' && !item.seenBy.includes(persona) && !asked.includes(item.text))
			.filter((item) => seen.includes(item.text))
			.map((item) => item.what)
		expect(leaks).toEqual([])
	})
})
