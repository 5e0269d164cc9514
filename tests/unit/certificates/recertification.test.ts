import { describe, expect, test } from 'vitest'
import { linkedInAddUrl } from '~/certificates/linkedin.ts'
import { dueReminder, isInRenewalWindow, renewedValidityStart } from '~/certificates/recertification.ts'

const DAY = 86_400_000
const expiresAt = new Date('2027-06-30T12:00:00Z')
const daysBefore = (days: number) => new Date(expiresAt.getTime() - days * DAY)

describe('renewal window', () => {
	test('opens 30 days before expiry and closes at expiry; never for revoked or open-ended certificates', () => {
		expect(isInRenewalWindow({ expiresAt, revokedAt: null }, daysBefore(31))).toBe(false)
		expect(isInRenewalWindow({ expiresAt, revokedAt: null }, daysBefore(30))).toBe(true)
		expect(isInRenewalWindow({ expiresAt, revokedAt: null }, daysBefore(1))).toBe(true)
		expect(isInRenewalWindow({ expiresAt, revokedAt: null }, expiresAt)).toBe(false)
		expect(isInRenewalWindow({ expiresAt, revokedAt: daysBefore(40) }, daysBefore(10))).toBe(false)
		expect(isInRenewalWindow({ expiresAt: null, revokedAt: null }, daysBefore(10))).toBe(false)
	})

	test('a renewal runs on from the old expiry, never from before today', () => {
		const today = daysBefore(10)
		expect(renewedValidityStart(today, expiresAt)).toEqual(expiresAt)
		expect(renewedValidityStart(today, daysBefore(20))).toEqual(today)
		expect(renewedValidityStart(today, null)).toEqual(today)
	})
})

describe('reminders at 30 and 7 days', () => {
	test.each([
		[31, [], null],
		[30, [], '30'],
		[8, [], '30'],
		[8, ['30'], null],
		[7, ['30'], '7'],
		[5, [], '7'],
		[5, ['7'], null],
		[0, [], null],
		[-3, [], null],
	])('%s days before expiry, already sent %j: %s', (days, sent, expected) => {
		expect(dueReminder(expiresAt, daysBefore(days as number), sent as string[])).toBe(expected)
	})
})

test('the LinkedIn link fills in the certification form', () => {
	const url = new URL(
		linkedInAddUrl({ name: 'Үлгі курс & co', organizationName: 'Qorgau', issuedAt: new Date('2026-11-05T00:00:00Z'), expiresAt: new Date('2027-11-05T00:00:00Z'), certUrl: 'https://q.kz/verify/ABCD', certId: 'ABCD' }),
	)
	expect(url.origin + url.pathname).toBe('https://www.linkedin.com/profile/add')
	expect(Object.fromEntries(url.searchParams)).toEqual({
		startTask: 'CERTIFICATION_NAME',
		name: 'Үлгі курс & co',
		organizationName: 'Qorgau',
		issueYear: '2026',
		issueMonth: '11',
		expirationYear: '2027',
		expirationMonth: '11',
		certUrl: 'https://q.kz/verify/ABCD',
		certId: 'ABCD',
	})
})
