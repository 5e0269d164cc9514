// Account forms, shared by the browser (instant feedback) and the server (the truth). Messages
// are translation keys (validation.* in app/locales).
import { z } from 'zod'
import { LOCALES } from '~/config/i18n.ts'

// Letters (any script), marks, digits, spaces and common punctuation; no control characters.
const NAME = /^[\p{L}\p{M}\p{N} .'’-]+$/u
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/i
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/

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
const password = z.string({ required_error: 'validation.required' }).min(1, 'validation.required').max(200, 'validation.tooLong')
/** Public forms carry a field people never see; bots fill it. */
const honeypot = z.string().max(0, 'validation.honeypot').optional()

export const signupSchema = z.object({ displayName, login, password: newPassword, website: honeypot, redirectTo: z.string().max(500).optional() })

export const loginSchema = z.object({ intent: z.literal('account'), login, password, website: honeypot, redirectTo: z.string().max(500).optional() })

export const pupilLoginSchema = z.object({
	intent: z.literal('pupil'),
	orgCode: z.string({ required_error: 'validation.required' }).trim().min(1, 'validation.required').max(20, 'validation.tooLong').regex(/^[A-Za-z0-9]+$/, 'validation.orgCode'),
	username: z.string({ required_error: 'validation.required' }).trim().min(1, 'validation.required').max(32, 'validation.tooLong').regex(USERNAME, 'validation.login'),
	pin: z.string({ required_error: 'validation.required' }).min(1, 'validation.required').max(64, 'validation.tooLong'),
	website: honeypot,
	redirectTo: z.string().max(500).optional(),
})

export const profileSchema = z.object({
	intent: z.literal('profile'),
	displayName,
	locale: z.enum(LOCALES, { errorMap: () => ({ message: 'validation.locale' }) }),
	discreetMode: z.literal('on').optional(),
})

export const passwordSchema = z.object({ intent: z.literal('password'), currentPassword: password, newPassword })

export const deleteSchema = z.object({ intent: z.literal('delete'), currentPassword: password })

export const resetRequestSchema = z.object({
	email: z.string({ required_error: 'validation.required' }).trim().min(1, 'validation.required').max(254, 'validation.tooLong').regex(EMAIL, 'validation.email'),
	website: honeypot,
})

export const resetSchema = z.object({ newPassword })
