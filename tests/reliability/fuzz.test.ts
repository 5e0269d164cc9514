// Bad-input fuzzing of the production server: every action and every loader that reads query
// parameters gets thousands of generated malformed requests (missing, extra and duplicated fields,
// huge values and bodies, wrong content types, invalid UTF-8, broken multipart, other people's
// ids, forged cookies). No answer may be a 5xx; every 4xx must be a translated page; the server
// must be healthy afterwards with every saved record intact. The seed is fixed: a failure names
// the request number, and FUZZ_SEED=<seed> replays another sequence.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'

vi.hoisted(() => {
	// The server and this process sign cookies with one secret.
	process.env.SESSION_SECRET = 'reliability-suite-secret-'.padEnd(48, 'r')
})

import { LOCALES, type Locale } from '~/config/i18n.ts'
import { prisma } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { localeCookie } from '~/utils/i18n.server.ts'
import { TMP_DIR } from '../setup/tmp.ts'
import { seededRandom, type Random } from '../setup/random.ts'
import { rawRequest, type RawAnswer } from '../setup/raw-http.ts'
import { startServerOnTestDatabase, type RunningServer } from '../setup/server.ts'
import { baselineFrom, untranslatedReason, type Baseline } from '../setup/translated.ts'
import { buildWorld, type World } from '../setup/world.ts'

const REQUESTS = 3000
const CONCURRENCY = 6
const SEED = Number(process.env.FUZZ_SEED ?? 11)
/** The server's default MAX_BODY_KB. */
const BODY_LIMIT = 1024 * 1024

let server: RunningServer
let world: World
let baseline: Baseline
let quizToken: string
/** A real signed credential of the learner's, to alter. */
let credentialText: string
const lngCookie: Partial<Record<Locale, string>> = {}

beforeAll(async () => {
	world = await buildWorld()
	server = await startServerOnTestDatabase()
	const pages = {} as Record<Locale, string>
	for (const locale of LOCALES) {
		pages[locale] = await (await fetch(`${server.url}/?lng=${locale}`)).text()
		lngCookie[locale] = (await localeCookie.serialize(locale)).split(';')[0]!
	}
	baseline = baselineFrom(pages)
	// A real quiz token, so that some fuzzed submissions get past the token check.
	const quiz = await (await fetch(`${server.url}/courses/${world.course}/quiz`, { headers: { Cookie: world.cookies.learner! } })).text()
	quizToken = /name="token" value="([^"]+)"/.exec(quiz)![1]!
	credentialText = await (await fetch(`${server.url}/certificates/${world.learner.certificateCode}/credential`, { headers: { Cookie: world.cookies.learner! } })).text()
})

afterAll(async () => {
	await server?.stop()
})

// ---- the generator ---------------------------------------------------------------------------

type Field = [name: string, value: string]
type Target = { name: string; method: 'GET' | 'POST'; path: (random: Random) => string; fields: (random: Random) => Field[]; cookieless?: boolean }

const NASTY_STRINGS = [
	'',
	' ',
	'\u0000',
	'\uFEFF',
	'\u202Eevil',
	'a\u0301\u0301\u0301',
	'👩🏽‍🏫',
	'<script>alert(1)</script>',
	"' OR 1=1 --",
	'"; DROP TABLE User; --',
	'../../../../etc/passwd',
	'%00',
	'%',
	'%E0%A4%A',
	'null',
	'undefined',
	'[]',
	'{}',
	'{"__proto__":{"admin":true}}',
	'NaN',
	'-1',
	'1e309',
	'99999999999999999999999',
	'2026-02-30',
	'9999-12-31',
	'\r\nSet-Cookie: x=1',
	'қазақ тілі',
	'русский текст',
]

/** Other objects' ids, for paths and fields: ids of the wrong kind, of other people, of nothing. */
function someId(random: Random): string {
	return random.pick([
		world.learner.attemptId,
		world.otherPupil.attemptId,
		world.learner.certificateCode,
		world.group.id,
		world.otherGroup.id,
		world.org.slug,
		world.otherOrg.slug,
		world.learner.id,
		world.otherPupil.id,
		'clxxxxxxxxxxxxxxxxxxxxxxx',
		'0',
		'-1',
		'x'.repeat(random.int(100, 3000)),
		'%2e%2e',
		'%2F',
		'%ZZ',
		'%FF%FE',
		encodeURIComponent('қазақ'),
		encodeURIComponent('<script>'),
	])
}

function nastyValue(random: Random): string {
	const kind = random.int(0, 9)
	if (kind <= 4) return random.pick(NASTY_STRINGS)
	if (kind === 5) return someId(random)
	if (kind === 6) return 'x'.repeat(random.int(1_000, 300_000))
	if (kind === 7) return String.fromCharCode(...Array.from({ length: random.int(1, 40) }, () => random.int(0, 0xffff)))
	if (kind === 8) return random.pick(['on', 'yes', 'no', 'true', 'complete', 'profile', 'password', 'delete', 'pupil', 'account', 'school', 'workplace', 'csv'])
	return `${random.int(0, 1e9)}`
}

const fieldNames = (random: Random) => random.pick(['', ' ', 'token', 'intent', 'name', 'code', 'codes', '__proto__', 'constructor', 'a[b]', 'a[]', 'q-forms', 'q-', 'redirectTo', '_data', 'index', 'lng', 'x'.repeat(5000), 'поле'])

/** A UUID from the seeded generator, so a run can be replayed. */
const seededUuid = (random: Random) => [8, 4, 4, 4, 12].map((length) => Array.from({ length }, () => '0123456789abcdef'[random.int(0, 15) % 16]).join('')).join('-')

const courseSlug = (random: Random) => (random.chance(0.75) ? world.course : random.pick(['partial-languages', 'no-such-course', someId(random)]))
const lessonSlug = (random: Random) => (random.chance(0.75) ? random.pick(world.lessons) : random.pick(['01-only-lesson', 'only-lesson', someId(random)]))
const orgSlug = (random: Random) => (random.chance(0.6) ? world.org.slug : random.chance(0.5) ? world.otherOrg.slug : someId(random))
const groupId = (random: Random) => (random.chance(0.5) ? world.group.id : random.chance(0.5) ? world.otherGroup.id : someId(random))

/** Pasted credentials: the real one altered by a character or a field, deep or wide JSON, unknown contexts, garbage. */
function credentialPayload(random: Random): string {
	const kind = random.int(0, 6)
	if (kind === 0) {
		const at = random.int(0, credentialText.length - 1)
		return credentialText.slice(0, at) + String.fromCharCode(random.int(32, 0x4ff)) + credentialText.slice(at + 1)
	}
	const credential = JSON.parse(credentialText) as Record<string, unknown>
	if (kind === 1) {
		const key = random.pick(Object.keys(credential))
		if (random.chance(0.5)) delete credential[key]
		else credential[key] = random.pick([nastyValue(random), null, 42, [], {}, [credential[key], credential[key]]])
		return JSON.stringify(credential)
	}
	if (kind === 2) return `${'['.repeat(random.int(100, 20_000))}${']'.repeat(random.int(0, 20_000))}`
	if (kind === 3) return JSON.stringify({ ...credential, '@context': [...(credential['@context'] as string[]), random.pick(['http://127.0.0.1:1/', 'https://example.org/ctx', { '@vocab': 'urn:x:' }, nastyValue(random)])] })
	if (kind === 4) return JSON.stringify({ ...credential, credentialSubject: Array.from({ length: random.int(1, 2000) }, () => credential.credentialSubject) })
	if (kind === 5) return JSON.stringify({ ...credential, proof: { ...(credential.proof as object), verificationMethod: random.pick(['did:web:evil.example#k', 'http://127.0.0.1:9/key', nastyValue(random)]) } })
	return nastyValue(random)
}

function targets(): Target[] {
	return [
		{ name: 'lesson complete', method: 'POST', path: (r) => `/courses/${courseSlug(r)}/lessons/${lessonSlug(r)}`, fields: () => [['intent', 'complete']] },
		{
			name: 'quiz submit',
			method: 'POST',
			path: (r) => `/courses/${courseSlug(r)}/quiz`,
			fields: (r) => [
				['token', r.chance(0.6) ? quizToken : nastyValue(r)],
				['q-call-for-help', r.pick(['call', 'wait', 'confront'])],
				['q-forms', r.pick(['money', 'shouting', 'weather'])],
				['q-forms', 'shouting'],
			],
		},
		{ name: 'certificate issue', method: 'POST', path: (r) => `/courses/${courseSlug(r)}/quiz/attempts/${r.chance(0.5) ? world.learner.attemptId : someId(r)}`, fields: () => [['holderName', 'Aruzhan L']] },
		{ name: 'certificate name form', method: 'POST', path: (r) => `/courses/${courseSlug(r)}/certificate`, fields: (r) => [['holderName', r.chance(0.5) ? 'Aruzhan L' : nastyValue(r)]] },
		{
			name: 'pre-test submit',
			method: 'POST',
			path: (r) => `/courses/${r.chance(0.7) ? 'test-pool-course' : courseSlug(r)}/pretest`,
			fields: (r) => [
				['token', nastyValue(r)],
				['q-salary', r.pick(['economic', 'quarrel', 'care'])],
			],
		},
		{
			name: 'lesson choice',
			method: 'POST',
			path: (r) => (r.chance(0.6) ? '/courses/test-pool-course/lessons/control/practice' : `/courses/${courseSlug(r)}/lessons/${lessonSlug(r)}/practice`),
			fields: (r) => [
				['choice', r.chance(0.6) ? 'phone-check' : nastyValue(r)],
				['pick', r.chance(0.6) ? String(r.int(0, 3)) : nastyValue(r)],
			],
		},
		{ name: 'certificate privacy', method: 'POST', path: (r) => `/certificates/${r.chance(0.5) ? world.learner.certificateCode : someId(r)}`, fields: (r) => [['showFullName', r.pick(['yes', 'no'])]] },
		{
			name: 'account',
			method: 'POST',
			path: () => '/account',
			fields: (r) => [
				['intent', r.pick(['profile', 'password', 'delete'])],
				['displayName', 'A Name'],
				['locale', r.pick(['kk', 'ru', 'en'])],
				['currentPassword', 'not-the-password'],
				['newPassword', 'another-password-123'],
			],
		},
		{ name: 'save account language', method: 'POST', path: () => '/account/language', fields: (r) => [['locale', r.pick(['kk', 'ru', 'en', 'xx'])], ['redirectTo', r.pick(REDIRECT_PAYLOADS)]] },
		{ name: 'login', method: 'POST', path: () => '/login', fields: (r) => [['intent', r.pick(['account', 'pupil'])], ['login', 'someone@example.org'], ['password', 'wrong-password'], ['orgCode', world.org.code], ['username', 'timur'], ['pin', '0000'], ['redirectTo', r.pick(REDIRECT_PAYLOADS)], ['lng', r.pick(['kk', 'ru', 'en', 'xx', ''])]] },
		{ name: 'signup', method: 'POST', path: () => '/signup', fields: (r) => [['displayName', 'Fuzz Person'], ['login', `fuzz-${r.int(0, 1e9)}@example.org`], ['password', 'short'], ['website', '']] },
		{ name: 'reset request', method: 'POST', path: () => '/reset-password', fields: () => [['email', 'nobody@example.org'], ['website', '']] },
		{ name: 'reset with token', method: 'POST', path: (r) => `/reset-password/${someId(r)}`, fields: () => [['newPassword', 'a-new-password-1']] },
		{ name: 'logout', method: 'POST', path: () => '/logout', fields: () => [], cookieless: true },
		{ name: 'safety discreet', method: 'POST', path: () => '/safety', fields: (r) => [['discreet', r.pick(['on', 'off'])]] },
		{ name: 'safety remove offline copies', method: 'POST', path: () => '/safety', fields: (r) => [['offline', r.pick(['remove', 'keep'])], ['removedText', nastyValue(r)]] },
		// A review's token is signed for review only; a quiz token must be refused here.
		{ name: 'review submit', method: 'POST', path: () => '/review', fields: (r) => [['token', r.chance(0.5) ? quizToken : nastyValue(r)], ['q-forms', r.pick(['money', 'shouting', 'weather'])]] },
		{ name: 'offline replay', method: 'POST', path: (r) => `/courses/${courseSlug(r)}/lessons/${lessonSlug(r)}`, fields: (r) => [['intent', 'complete'], ['offlineId', r.chance(0.5) ? seededUuid(r) : nastyValue(r)]] },
		{ name: 'review result page', method: 'GET', path: (r) => `/review/${someId(r)}`, fields: () => [] },
		{ name: 'join', method: 'POST', path: () => '/join', fields: (r) => [['code', r.chance(0.3) ? `JB${world.tag.toUpperCase()}` : 'NOPE']] },
		{ name: 'create organisation', method: 'POST', path: () => '/orgs', fields: (r) => [['name', 'Fuzz School'], ['kind', r.pick(['school', 'workplace'])]] },
		{ name: 'create group', method: 'POST', path: (r) => `/orgs/${orgSlug(r)}`, fields: () => [['name', 'Fuzz class']] },
		{
			name: 'remind overdue',
			method: 'POST',
			path: (r) => `/orgs/${orgSlug(r)}/reminders`,
			fields: (r) => [
				['assignment', r.pick([world.assignment.id, world.otherAssignment.id, someId(r), nastyValue(r)])],
				...(r.chance(0.5) ? [['learner', r.pick([world.pupil.id, world.otherPupil.id, someId(r), nastyValue(r)])] as Field] : []),
				['from', r.pick(['group', 'learner', nastyValue(r)])],
			],
		},
		{ name: 'dismiss a notice', method: 'POST', path: () => '/account/notices', fields: (r) => [['notice', r.chance(0.5) ? someId(r) : nastyValue(r)]] },
		{ name: 'assign course', method: 'POST', path: (r) => `/orgs/${orgSlug(r)}/groups/${groupId(r)}`, fields: (r) => [['course', world.course], ['dueAt', r.pick(['2027-01-31', '', '2027-13-45'])]] },
		{ name: 'verify a pasted credential', method: 'POST', path: () => '/verify', fields: (r) => [[r.chance(0.8) ? 'credential' : 'credentialFile', credentialPayload(r)]] },
		{ name: 'holder DID', method: 'POST', path: (r) => `/certificates/${r.chance(0.6) ? world.learner.certificateCode : someId(r)}`, fields: (r) => [['intent', 'holderDid'], ['holderDid', r.chance(0.3) ? 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' : nastyValue(r)]] },
		{ name: 'credential download', method: 'GET', path: (r) => `/certificates/${r.chance(0.5) ? world.learner.certificateCode : someId(r)}/credential`, fields: () => [] },
		{ name: 'issuer documents', method: 'GET', path: (r) => r.pick(['/.well-known/did.json', '/credentials/status']), fields: () => [['x', '1']] },
		{ name: 'bulk verify', method: 'POST', path: () => '/verify', fields: (r) => [['codes', `${world.learner.certificateCode}\nAAAA-BBBB`], ['format', r.pick(['csv', 'html'])]] },
		{ name: 'post to a page without action', method: 'POST', path: (r) => r.pick(['/', '/courses', '/help', `/courses/${courseSlug(r)}`, '/no-such-page']), fields: () => [['a', '1']] },
		{ name: 'catalog filters', method: 'GET', path: () => '/courses', fields: (r) => [['audience', r.pick(['public', 'school', 'workplace'])], ['language', r.pick(['kk', 'ru', 'en'])]] },
		{ name: 'verify by query', method: 'GET', path: () => '/verify', fields: (r) => [['code', r.chance(0.5) ? world.learner.certificateCode : 'AAAA']] },
		{ name: 'verify page', method: 'GET', path: (r) => `/verify/${r.chance(0.5) ? world.learner.certificateCode : someId(r)}`, fields: () => [] },
		{ name: 'join by link', method: 'GET', path: () => '/join', fields: () => [['code', `JA${world.tag.toUpperCase()}`]] },
		{ name: 'login page', method: 'GET', path: () => '/login', fields: (r) => [['redirectTo', r.pick(REDIRECT_PAYLOADS)], ['reset', '1'], ['school', r.pick(['DEMO1', '<b>x</b>', ''])]] },
		{ name: 'finish sign-up', method: 'POST', path: (r) => `/signup/${someId(r)}`, fields: () => [] },
		{ name: 'sign-up link page', method: 'GET', path: (r) => `/signup/${someId(r)}`, fields: () => [] },
		{ name: 'account page', method: 'GET', path: () => '/account', fields: () => [['saved', 'profile']] },
		{ name: 'reset page', method: 'GET', path: () => '/reset-password', fields: () => [['sent', '1']] },
		{ name: 'reset token page', method: 'GET', path: (r) => `/reset-password/${someId(r)}`, fields: () => [] },
		{ name: 'home', method: 'GET', path: () => '/', fields: () => [['joined', '1'], ['deleted', '1']] },
		{ name: 'attempt page', method: 'GET', path: (r) => `/courses/${courseSlug(r)}/quiz/attempts/${r.chance(0.4) ? world.learner.attemptId : someId(r)}`, fields: () => [] },
		{ name: 'certificate page', method: 'GET', path: (r) => `/certificates/${r.chance(0.4) ? world.learner.certificateCode : someId(r)}`, fields: () => [] },
		{ name: 'organisation page', method: 'GET', path: (r) => `/orgs/${orgSlug(r)}`, fields: () => [] },
		{ name: 'LRS settings', method: 'POST', path: (r) => `/orgs/${orgSlug(r)}/settings/lrs`, fields: (r) => [['intent', r.pick(['save', 'remove', 'x'])], ['endpoint', r.pick(['https://lrs.example.org/xapi/', 'http://127.0.0.1:1/', 'file:///etc/passwd', nastyValue(r)])], ['username', 'key'], ['password', nastyValue(r)]] },
		{ name: 'LMS package download', method: 'GET', path: (r) => `/orgs/${orgSlug(r)}/export/${courseSlug(r)}/${r.pick(['scorm-1.2.zip', 'cmi5.zip', 'x.zip'])}`, fields: () => [] },
		// A download's refusal (a resource route, no error boundary) is a translated page too.
		{ name: 'certificates export', method: 'GET', path: (r) => `/orgs/${orgSlug(r)}/certificates/export`, fields: () => [] },
		{ name: 'package launch', method: 'POST', path: () => '/packages/launches', fields: (r) => [['token', nastyValue(r)]], cookieless: true },
		{ name: 'package launch page', method: 'POST', path: (r) => `/packages/launches/${someId(r)}`, fields: () => [['intent', 'start']] },
		{ name: 'package launch result', method: 'POST', path: (r) => `/packages/launches/${someId(r)}/result`, fields: (r) => [['key', nastyValue(r)]], cookieless: true },
		{
			name: 'OneRoster import',
			method: 'POST',
			path: (r) => `/orgs/${orgSlug(r)}/import/oneroster`,
			fields: (r) => [['intent', r.pick(['preview', 'commit', 'x'])], ['zip', r.pick(['UEsDBAoAAAAAAA==', 'UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==', nastyValue(r)])], ['fingerprint', nastyValue(r)], ['file', nastyValue(r)]],
		},
		{ name: 'OneRoster import page', method: 'GET', path: (r) => `/orgs/${orgSlug(r)}/import/oneroster`, fields: () => [] },
		{ name: 'group page', method: 'GET', path: (r) => `/orgs/${orgSlug(r)}/groups/${groupId(r)}`, fields: () => [] },
		// Issue 17: the learner table's address, the totals export, the learner page, invitations by email.
		{
			name: 'learner table',
			method: 'GET',
			path: (r) => `/orgs/${orgSlug(r)}/groups/${groupId(r)}`,
			fields: (r) => [
				['q', r.pick(['Aru', '', nastyValue(r)])],
				['status', r.pick(['not-started', 'in-progress', 'completed', 'certified', nastyValue(r)])],
				['overdue', r.pick(['1', '0', nastyValue(r)])],
				['sort', r.pick(['name', 'status', 'lessons', 'score', 'activity', nastyValue(r)])],
				['dir', r.pick(['asc', 'desc', nastyValue(r)])],
				['page', r.pick(['1', '2', '-1', '99999999999999999999', nastyValue(r)])],
			],
		},
		{ name: 'group export', method: 'GET', path: (r) => `/orgs/${orgSlug(r)}/groups/${groupId(r)}/export`, fields: (r) => [['course', courseSlug(r)], ['table', r.pick(['learners', 'items', 'totals', nastyValue(r)])]] },
		{ name: 'learner page', method: 'GET', path: (r) => `/orgs/${orgSlug(r)}/learners/${r.pick([world.pupil.id, world.otherPupil.id, someId(r)])}`, fields: () => [] },
		{
			name: 'invitations',
			method: 'POST',
			path: (r) => `/orgs/${orgSlug(r)}/invitations`,
			fields: (r) => [
				['intent', r.pick(['invite', 'resend', 'withdraw', nastyValue(r)])],
				['name', r.pick(['Aliya Auditor', nastyValue(r)])],
				['email', r.pick([`fuzz-${r.int(0, 9999)}@example.org`, nastyValue(r)])],
				['role', r.pick(['learner', 'viewer', 'admin', 'owner', nastyValue(r)])],
				['group', r.pick([world.group.id, world.otherGroup.id, nastyValue(r)])],
				['invitation', someId(r)],
			],
		},
		{ name: 'invitation link', method: 'POST', path: (r) => `/invitations/${someId(r)}`, fields: (r) => [['intent', r.pick(['create', 'accept', nastyValue(r)])], ['displayName', nastyValue(r)], ['password', nastyValue(r)]] },
		// LTI (decision 021): the platform's messages, the picker, the registration link, the owner's form.
		{ name: 'LTI login', method: 'GET', path: () => '/lti/login', fields: (r) => [['iss', r.pick(['https://lms.example', nastyValue(r)])], ['login_hint', 'x'], ['target_link_uri', r.pick(['http://127.0.0.1/courses', 'https://evil.example/', nastyValue(r)])], ['client_id', 'c']] },
		{ name: 'POST LTI login', method: 'POST', path: () => '/lti/login', fields: (r) => [['iss', r.pick(['https://lms.example', nastyValue(r)])], ['login_hint', 'x'], ['target_link_uri', r.pick(['http://127.0.0.1/courses', 'https://evil.example/', nastyValue(r)])], ['client_id', 'c']] },
		{ name: 'LTI launch', method: 'POST', path: () => '/lti/launch', fields: (r) => [['id_token', r.pick(['eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4IiwiYXVkIjoieSJ9.c2ln', 'e30.e30.', nastyValue(r)])], ['state', r.pick(['AAAAAAAAAAAAAAAAAAAAAA', nastyValue(r)])]] },
		{ name: 'LTI handoff', method: 'POST', path: () => '/lti/continue', fields: (r) => [['token', nastyValue(r)]] },
		{ name: 'LTI deep-link picker', method: 'GET', path: () => '/lti/deep-link', fields: (r) => [['token', r.pick(['e30.e30.', nastyValue(r)])], ['item', r.pick(['course:sample-course', 'lesson:sample-course/first-lesson', nastyValue(r)])]] },
		{ name: 'POST LTI deep-link picker', method: 'POST', path: () => '/lti/deep-link', fields: (r) => [['token', r.pick(['e30.e30.', nastyValue(r)])], ['item', r.pick(['course:sample-course', 'lesson:sample-course/first-lesson', nastyValue(r)])]] },
		{ name: 'LTI registration', method: 'GET', path: () => '/lti/register', fields: (r) => [['token', nastyValue(r)], ['openid_configuration', r.pick(['http://127.0.0.1:1/.well-known/openid-configuration', nastyValue(r)])], ['registration_token', 'x']] },
		{ name: 'POST LTI registration', method: 'POST', path: () => '/lti/register', fields: (r) => [['token', nastyValue(r)], ['openid_configuration', r.pick(['http://127.0.0.1:1/.well-known/openid-configuration', nastyValue(r)])], ['registration_token', 'x']] },
		{ name: 'LTI key set', method: 'GET', path: () => '/lti/jwks', fields: () => [] },
		{
			name: 'LTI settings',
			method: 'POST',
			path: (r) => `/orgs/${orgSlug(r)}/lti`,
			fields: (r) => [['intent', r.pick(['add', 'link', 'remove', 'x'])], ['name', 'LMS'], ['issuer', r.pick(['https://lms.example', nastyValue(r)])], ['clientId', 'c'], ['authUrl', 'https://lms.example/auth'], ['tokenUrl', 'https://lms.example/token'], ['jwksUrl', nastyValue(r)], ['deploymentIds', '1'], ['platform', someId(r)]],
		},
		{ name: 'lesson page', method: 'GET', path: (r) => `/courses/${courseSlug(r)}/lessons/${lessonSlug(r)}`, fields: () => [] },
		{ name: 'lesson body', method: 'GET', path: (r) => `/courses/${courseSlug(r)}/lessons/${lessonSlug(r)}/body`, fields: () => [] },
	]
}

/** Missing, extra, duplicated and mangled fields. */
function mutateFields(random: Random, fields: Field[]): Field[] {
	const result = [...fields]
	const operations = random.int(0, 3)
	for (let i = 0; i < operations; i++) {
		const operation = random.int(0, 4)
		if (operation === 0 && result.length > 0) result.splice(random.int(0, result.length - 1), 1)
		else if (operation === 1) result.push([fieldNames(random), nastyValue(random)])
		else if (operation === 2 && result.length > 0) result.push([...result[random.int(0, result.length - 1)]!])
		else if (operation === 3 && result.length > 0) result[random.int(0, result.length - 1)]![1] = nastyValue(random)
		else if (operation === 4) for (let n = random.int(10, 400); n > 0; n--) result.push([`f${n}`, 'x'])
	}
	return result
}

const urlencoded = (fields: Field[]) => new URLSearchParams(fields).toString()

function multipart(fields: Field[], boundary: string, random: Random): string {
	const parts = fields.map(([name, value]) => {
		const file = random.chance(0.15) ? `; filename="${random.pick(['a.txt', '../../x', '', 'ф.csv'])}"\r\nContent-Type: ${random.pick(['text/plain', 'application/octet-stream'])}` : ''
		return `--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, '%22')}"${file}\r\n\r\n${value}\r\n`
	})
	return `${parts.join('')}--${boundary}--\r\n`
}

type Body = { contentType?: string; body: Buffer; encoding?: string; chunked?: boolean; description: string }

/** The body of a post, encoded well or badly. */
function bodyFor(random: Random, fields: Field[]): Body {
	const roll = random.int(0, 99)
	const boundary = `----fuzz${random.int(0, 1e9)}`
	if (roll < 50) return { contentType: 'application/x-www-form-urlencoded', body: Buffer.from(urlencoded(fields)), description: 'urlencoded' }
	if (roll < 65) return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.from(multipart(fields, boundary, random)), description: 'multipart' }
	if (roll < 75) {
		const good = multipart(fields, boundary, random)
		const variants: Body[] = [
			{ contentType: 'multipart/form-data', body: Buffer.from(good), description: 'multipart without boundary' },
			{ contentType: `multipart/form-data; boundary=other`, body: Buffer.from(good), description: 'multipart with the wrong boundary' },
			{ contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.from(good.slice(0, Math.max(0, good.length - random.int(1, 30)))), description: 'truncated multipart' },
			{ contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.from(`--${boundary}\r\nContent-Type: text/plain\r\n\r\nno disposition\r\n--${boundary}--\r\n`), description: 'multipart part without a name' },
			{ contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.from(`--${boundary}\r\n`.repeat(random.int(1, 3000))), description: 'multipart of empty parts' },
			{ contentType: `multipart/form-data; boundary="${'b'.repeat(80)}"`, body: Buffer.from('garbage'), description: 'multipart of garbage' },
		]
		return random.pick(variants)
	}
	if (roll < 80) return { contentType: 'application/json', body: Buffer.from(JSON.stringify(Object.fromEntries(fields))), description: 'json' }
	if (roll < 84) return { contentType: random.pick(['text/plain', 'application/xml', 'image/png', 'x/y; charset=nope', 'application/x-www-form-urlencoded; charset=utf-16']), body: Buffer.from(urlencoded(fields)), description: 'wrong content type' }
	if (roll < 87) return { body: Buffer.from(urlencoded(fields)), description: 'no content type' }
	if (roll < 92) {
		const bytes = Buffer.concat([Buffer.from(urlencoded(fields)), Buffer.from('&name='), Buffer.from([0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80, 0xf8]), Buffer.from('&code=%FF%FE%C0')])
		return { contentType: 'application/x-www-form-urlencoded', body: bytes, description: 'invalid UTF-8' }
	}
	if (roll < 94) return { contentType: 'application/x-www-form-urlencoded', body: Buffer.from(urlencoded(fields)), encoding: random.pick(['gzip', 'deflate', 'br', 'x-unknown']), description: 'compressed' }
	if (roll < 96) return { contentType: 'application/x-www-form-urlencoded', body: Buffer.alloc(BODY_LIMIT + random.int(1, 100_000), 'a'), chunked: random.chance(0.5), description: 'too large' }
	if (roll < 98) return { contentType: 'application/x-www-form-urlencoded', body: Buffer.from(`${urlencoded(fields)}&pad=${'p'.repeat(random.int(100_000, BODY_LIMIT - 10_000))}`), description: 'large' }
	return { contentType: 'application/x-www-form-urlencoded', body: Buffer.alloc(0), description: 'empty' }
}

// Open-redirect payloads (issue 15, finding 1): each must end on a page of this site.
const REDIRECT_PAYLOADS = ['/account', '//evil.example', '/\\evil', '/\t/evil.example/', '/\n/evil.example/', '/\r\nSet-Cookie: a=b', '/%2F/evil.example', '/%5Cevil', '\uff0fevil.example', 'javascript:alert(1)', 'https://evil.example/', '/\u0000x', '']
// Forged Host and Origin pairs (finding 5): the same site to Remix's eye, or not.
const FORGED_HOSTS: [string, string][] = [
	['evil.example:80', 'http://evil.example:80'],
	['evil.example:443', 'http://evil.example:443'],
	['evil.example', 'http://evil.example:80'],
	['EVIL.example:80', 'http://evil.example'],
	['127.0.0.1:1', 'http://127.0.0.1:1'],
]

const GARBAGE_COOKIES = ['qs=forged', 'learner=forged', 'qs=eyJ4IjoxfQ%3D%3D.bad', 'learner=IngifQ%3D%3D.bad', `qs=${'x'.repeat(4000)}`, 'qs=a; qs=b', '=;;;', 'lng=garbage', 'discreet=%FF']

type Planned = { index: number; description: string; request: Parameters<typeof rawRequest>[1]; locale: Locale }

/** The n-th request of the sequence: a target, who asks, in which language, and with what. */
function plan(index: number, all: Target[]): Planned {
	const random = seededRandom(SEED * 100_003 + index)
	const target = random.pick(all)
	const locale = random.pick(LOCALES)
	const headers: Record<string, string> = {}
	const cookies: string[] = []
	const persona = target.cookieless ? 'anonymous' : random.pick(['anonymous', 'guest', 'learner', 'viewer', 'admin', 'owner', 'otherAdmin', 'pupil', 'garbage'] as const)
	// How the language is asked for; the fuzzed fields never name it. (A cookie named twice counts
	// once, the first time: the language cookie goes first.)
	const query = new URLSearchParams()
	const carrier = random.pick(['query', 'cookie', 'header'] as const)
	if (carrier === 'query') query.set('lng', locale)
	else if (carrier === 'cookie') cookies.push(lngCookie[locale]!)
	else headers['Accept-Language'] = `xx-YY, ${locale};q=0.8, de;q=0.5`
	if (persona === 'garbage') cookies.push(random.pick(GARBAGE_COOKIES))
	else if (world.cookies[persona]) cookies.push(world.cookies[persona]!)
	if (cookies.length > 0) headers.Cookie = cookies.join('; ')
	if (random.chance(0.05)) headers['X-Forwarded-Host'] = random.pick(['evil.example:99999', 'a b', ''])

	const fields = mutateFields(random, target.fields(random)).filter(([name]) => name !== 'lng')
	let description = `${target.name} as ${persona} in ${locale} (${carrier})`
	let path = target.path(random)
	if (target.method === 'GET') {
		for (const [name, value] of fields) query.append(name, value)
		let search = query.toString()
		if (random.chance(0.15)) search += random.pick(['&x=%FF%FE', '&%ZZ=1', '&a=%', `&big=${'b'.repeat(6000)}`, '&&&==&'])
		path = `${path}${search ? `?${search}` : ''}`
		return { index, description, locale, request: { method: random.chance(0.05) ? 'HEAD' : 'GET', path, headers } }
	}
	const body = bodyFor(random, fields)
	description += `, ${body.description} body of ${body.body.length} bytes`
	if (body.contentType) headers['Content-Type'] = body.contentType
	if (body.encoding) headers['Content-Encoding'] = body.encoding
	if (random.chance(0.03)) headers.Origin = 'https://evil.example'
	else if (random.chance(0.04)) [headers.Host, headers.Origin] = random.pick(FORGED_HOSTS)
	const search = query.toString()
	path = `${path}${search ? `?${search}` : ''}`
	return { index, description, locale, request: { method: random.chance(0.03) ? random.pick(['PUT', 'DELETE', 'PATCH']) : 'POST', path, headers, body: body.body, chunked: body.chunked } }
}

// ---- the run -----------------------------------------------------------------------------------

function problemWith(planned: Planned, answer: RawAnswer): string | null {
	if (answer.status >= 500) return `status ${answer.status}`
	if (answer.status < 400 || planned.request.method === 'HEAD') return null
	// A CSV export is an answer in its own right, not a page.
	if (String(answer.headers['content-type']).startsWith('text/csv')) return null
	if (!String(answer.headers['content-type']).startsWith('text/html')) return `status ${answer.status} with ${answer.headers['content-type']}`
	if (answer.status === 503 && !answer.headers['retry-after']) return '503 without Retry-After'
	// Headers over Node's 16 KB limit are refused before anything says which language was asked
	// for: that page is in the default language.
	const reason = untranslatedReason(answer.body, answer.status === 431 ? 'kk' : planned.locale, baseline)
	return reason ? `status ${answer.status}: ${reason}` : null
}

describe('fuzzing', () => {
	test(`${REQUESTS} malformed requests (seed ${SEED}): no 5xx, every 4xx a translated page`, { timeout: 150_000 }, async () => {
		const savedBefore = await savedRecords()
		const all = targets()
		const problems: string[] = []
		const statuses = new Map<number, number>()
		let next = 0
		const started = performance.now()
		const worker = async () => {
			while (next < REQUESTS) {
				const planned = plan(next++, all)
				let answer: RawAnswer
				try {
					answer = await rawRequest(server.url, planned.request)
				} catch (error) {
					problems.push(`#${planned.index} ${planned.description}: no answer (${String(error)})`)
					continue
				}
				statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
				const problem = problemWith(planned, answer)
				if (problem) problems.push(`#${planned.index} ${planned.request.method} ${planned.request.path.slice(0, 120)} — ${planned.description}: ${problem}`)
			}
		}
		await Promise.all(Array.from({ length: CONCURRENCY }, worker))
		const seconds = (performance.now() - started) / 1000
		const byClass = (low: number) => [...statuses].filter(([status]) => status >= low && status < low + 100).reduce((sum, [, count]) => sum + count, 0)
		console.log(
			`[fuzz] seed ${SEED}: ${REQUESTS} requests in ${seconds.toFixed(1)} s over ${all.length} targets — ` +
				`2xx ${byClass(200)}, 3xx ${byClass(300)}, 4xx ${byClass(400)} (${[...statuses].filter(([s]) => s >= 400 && s < 500).sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ')}), 5xx ${byClass(500)}; ` +
				`problems ${problems.length}`,
		)
		// All of them, for reading; the assertion shows the first few.
		writeFileSync(path.join(TMP_DIR, `fuzz-problems-${SEED}.txt`), problems.join('\n'))
		expect(problems.slice(0, 12)).toEqual([])

		// Healthy afterwards, and nothing that was saved before is gone.
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
		expect((await fetch(`${server.url}/courses/${world.course}?lng=en`)).status).toBe(200)
		expect(await savedBefore.stillThere()).toEqual({ progress: savedBefore.ids.progress.length, attempts: 2, certificate: 1, memberships: 5, groups: 2 })
		const db = new Database(getEnv().databasePath, { readonly: true })
		expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
		db.close()
	})
})

describe('request body limits', () => {
	const form = { 'Content-Type': 'application/x-www-form-urlencoded' }

	test('a body declared larger than the limit is refused with a translated 413 before it is read', async () => {
		const answer = await rawRequest(server.url, { method: 'POST', path: '/verify?lng=ru', headers: form, body: Buffer.alloc(BODY_LIMIT + 1, 'a') })
		expect(answer.status).toBe(413)
		expect(untranslatedReason(answer.body, 'ru', baseline)).toBeNull()
		expect(answer.body).toContain('Отправлено слишком много данных')
	})

	test('a chunked body is counted as it arrives and refused once past the limit', async () => {
		const answer = await rawRequest(server.url, { method: 'POST', path: '/login', headers: { ...form, 'Accept-Language': 'en' }, body: Buffer.alloc(3 * BODY_LIMIT, 'a'), chunked: true })
		expect(answer.status).toBe(413)
		expect(answer.body).toContain('Too much sent at once')
	})

	test('a body just under the limit is read and answered by the page itself', async () => {
		const codes = `codes=${'A'.repeat(BODY_LIMIT - 100)}`
		const answer = await rawRequest(server.url, { method: 'POST', path: '/verify?lng=en', headers: form, body: Buffer.from(codes) })
		// The bulk form's own limit (500 codes) speaks, not the server's.
		expect(answer.status).toBe(400)
		expect(untranslatedReason(answer.body, 'en', baseline)).toBeNull()
	})

	test('a compressed body is refused (415): a small gzip can unpack to gigabytes', async () => {
		const answer = await rawRequest(server.url, { method: 'POST', path: '/login?lng=kk', headers: { ...form, 'Content-Encoding': 'gzip' }, body: Buffer.from('login=x') })
		expect(answer.status).toBe(415)
		expect(untranslatedReason(answer.body, 'kk', baseline)).toBeNull()
	})
})

/** What the fuzzer must not be able to remove: the world's progress, attempts, certificate, memberships. */
async function savedRecords() {
	const progress = await prisma.lessonProgress.findMany({ where: { learnerId: { in: [world.learner.learner!.id, world.guest.id] }, completedAt: { not: null } }, select: { id: true }, orderBy: { id: 'asc' } })
	const ids = { progress: progress.map((row) => row.id), attempts: [world.learner.attemptId, world.otherPupil.attemptId] }
	return {
		ids,
		stillThere: async () => ({
			progress: await prisma.lessonProgress.count({ where: { id: { in: ids.progress }, completedAt: { not: null } } }),
			attempts: await prisma.quizAttempt.count({ where: { id: { in: ids.attempts } } }),
			certificate: await prisma.certificate.count({ where: { code: world.learner.certificateCode, revokedAt: null } }),
			memberships: await prisma.membership.count({
				where: {
					OR: [
						{ orgId: world.org.id, userId: world.owner.id, role: 'owner' },
						{ orgId: world.org.id, userId: world.admin.id, role: 'admin' },
						{ orgId: world.org.id, userId: world.viewer.id, role: 'viewer' },
						{ orgId: world.org.id, userId: world.pupil.id, role: 'learner' },
						{ orgId: world.otherOrg.id, userId: world.otherAdmin.id, role: 'admin' },
					],
				},
			}),
			groups: await prisma.group.count({ where: { id: { in: [world.group.id, world.otherGroup.id] }, archivedAt: null } }),
		}),
	}
}
