// Account forms, shared by the browser (instant feedback) and the server (the truth).
import { z } from 'zod'
import { LOCALES } from '~/config/i18n.ts'
import { displayName, EMAIL, honeypot, login, newPassword, password, USERNAME } from '~/utils/account-fields.ts'

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
