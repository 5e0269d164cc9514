// Security headers for every response, and refusal of cross-site posts (decision 010). The
// Content-Security-Policy needs a per-request nonce, so app/entry.server.tsx sets it.
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import type { Env } from '../utils/env.server.ts'
import { sendErrorPage } from './error-page.server.ts'
import { originOf, requestOrigin } from './request-origin.server.ts'

export function securityHeaders(env: Env) {
	const https = env.PUBLIC_URL?.startsWith('https:') ?? false
	return (_req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
		res.set({
			'X-Content-Type-Options': 'nosniff',
			// same-origin, not no-referrer: other sites still never learn which page someone came
			// from, but our own forms keep a real Origin header, which the check below needs
			// (with no-referrer, browsers send "Origin: null" on every post).
			'Referrer-Policy': 'same-origin',
			'X-Frame-Options': 'DENY',
			'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
			'Cross-Origin-Opener-Policy': 'same-origin',
		})
		if (https) res.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
		next()
	}
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Posts must come from our own pages: a foreign (or hidden) Origin gets a translated 403.
 * Origins are compared as origins ("http://x:80" is "http://x"), as Remix compares them after us.
 */
export function refuseCrossSitePosts(env: Env) {
	return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
		const origin = req.get('Origin')
		if (SAFE_METHODS.has(req.method) || origin === undefined) return next()
		let expected: string
		try {
			expected = requestOrigin(req, env)
		} catch (error) {
			return next(Object.assign(new Error('The Host header names no host', { cause: error }), { status: 400 }))
		}
		if (originOf(origin) === expected) return next()
		sendErrorPage(req, res, 403, { title: 'errors.forbidden.title', body: 'errors.crossSite' }).catch(next)
	}
}
