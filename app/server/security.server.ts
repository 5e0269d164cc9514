// Security headers for every response, and refusal of cross-site posts (decision 010). The
// Content-Security-Policy needs a per-request nonce, so app/entry.server.tsx sets it.
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import type { Env } from '~/utils/env.server.ts'
import { sendErrorPage } from '~/server/error-page.server.ts'
import { originOf, requestOrigin } from '~/server/request-origin.server.ts'

export function securityHeaders(env: Env) {
	const https = env.PUBLIC_URL?.startsWith('https:') ?? false
	return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
		res.set({
			'X-Content-Type-Options': 'nosniff',
			// same-origin, not no-referrer: other sites still never learn which page someone came
			// from, but our own forms keep a real Origin header, which the check below needs
			// (with no-referrer, browsers send "Origin: null" on every post).
			'Referrer-Policy': 'same-origin',
			'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
			'Cross-Origin-Opener-Policy': 'same-origin',
		})
		// LTI pages are shown inside the LMS: their Content-Security-Policy's frame-ancestors names
		// who may frame each (decision 021). Every other page is never framed.
		if (!req.path.startsWith('/lti/')) res.set('X-Frame-Options', 'DENY')
		if (https) res.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
		next()
	}
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
// The LMS posts these from its own pages (OIDC login initiation, the id_token launch): each is
// checked by its own signed state, not by where it came from (decision 021).
const CROSS_SITE_POSTS = new Set(['/lti/login', '/lti/launch'])

/**
 * Called from a package page on an LMS's origin (decision 022): they read no cookie and act only
 * on what the body proves (a signed package token, a launch's key), so any origin may post.
 */
const CROSS_ORIGIN_ENDPOINTS = /^\/packages\/launches(\/[^/]+\/result)?\/?$/

/**
 * Posts must come from our own pages: a foreign (or hidden) Origin gets a translated 403.
 * Origins are compared as origins ("http://x:80" is "http://x"), as Remix compares them after us.
 */
export function refuseCrossSitePosts(env: Env) {
	return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
		const origin = req.get('Origin')
		if (SAFE_METHODS.has(req.method) || origin === undefined || CROSS_ORIGIN_ENDPOINTS.test(req.path) || CROSS_SITE_POSTS.has(req.path)) return next()
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
