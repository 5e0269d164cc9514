// The fields people type about themselves (names, logins, passwords), checked the same way in
// every form and in CSV enrolment. Messages are translation keys (validation.* in app/locales).
import { z } from 'zod'

// Letters (any script), marks, digits, spaces and common punctuation; no control characters.
const NAME = /^[\p{L}\p{M}\p{N} .'’-]+$/u
export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/i
export const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/

export const displayName = z
	.string({ required_error: 'validation.required' })
	.trim()
	.min(1, 'validation.required')
	.max(60, 'validation.tooLong')
	.regex(NAME, 'validation.nameCharacters')
export const login = z
	.string({ required_error: 'validation.required' })
	.trim()
	.min(1, 'validation.required')
	.max(254, 'validation.tooLong')
	.refine((value) => (value.includes('@') ? EMAIL.test(value) : USERNAME.test(value)), 'validation.login')
export const newPassword = z.string({ required_error: 'validation.required' }).min(10, 'validation.passwordShort').max(200, 'validation.tooLong')
export const password = z.string({ required_error: 'validation.required' }).min(1, 'validation.required').max(200, 'validation.tooLong')
/** Public forms carry a field people never see; bots fill it. */
export const honeypot = z.string().max(0, 'validation.honeypot').optional()

