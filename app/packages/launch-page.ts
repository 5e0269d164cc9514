// The page an LMS opens from a Qorgau package (decision 022). It holds no content and no answer:
// it starts a launch at Qorgau, gives the learner a link that opens the course in Qorgau, asks
// Qorgau for the result with the launch's key, and reports it to the LMS: through the SCORM 1.2
// API (window.API in a parent or opener frame) or, when the LMS launched it the cmi5 way, as
// cmi5 statements to the LMS's LRS with the token from its fetch URL.

export type LaunchPageStrings = {
	lang: string
	title: string
	intro: string
	open: string
	preparing: string
	waiting: string
	passed: string
	failed: string
	unreachable: string
	noLms: string
}

type LaunchPageConfig = { origin: string; packageToken: string; format: 'scorm-1.2' | 'cmi5'; strings: LaunchPageStrings }

const html = (text: string) => text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`)
// JSON inside <script>: "<" escaped so no "</script>" can end it.
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c')

export function launchPageHtml(config: LaunchPageConfig): string {
	const s = config.strings
	return `<!DOCTYPE html>
<html lang="${html(s.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${html(s.title)}</title>
<style>
body{font:1.125rem/1.5 system-ui,sans-serif;margin:0;padding:1.5rem;color:#1a1a1a;background:#fff;max-width:40rem}
h1{font-size:1.5rem;margin:0 0 1rem}
a.button{display:inline-block;padding:.75rem 1.25rem;border-radius:.375rem;background:#0b5d4a;color:#fff;text-decoration:none;font-weight:600}
a.button:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
a.button[aria-disabled=true]{background:#6b6b6b;pointer-events:none}
#status{margin-top:1rem}
</style>
</head>
<body>
<main>
<h1>${html(s.title)}</h1>
<p>${html(s.intro)}</p>
<p><a id="open" class="button" href="${html(config.origin)}" target="_blank" rel="noopener" aria-disabled="true">${html(s.open)}</a></p>
<p id="status" role="status" aria-live="polite">${html(s.preparing)}</p>
</main>
<script type="application/json" id="qorgau-config">${scriptJson(config)}</script>
<script>${LAUNCH_SCRIPT}</script>
</body>
</html>
`
}

/** Plain ES2017 for old LMS browsers; no libraries. */
const LAUNCH_SCRIPT = String.raw`
(function () {
	'use strict'
	var config = JSON.parse(document.getElementById('qorgau-config').textContent)
	var strings = config.strings
	var link = document.getElementById('open')
	var status = document.getElementById('status')
	var started = Date.now()
	var POLL_MS = 3000
	function say(text) { status.textContent = text }

	// A request that hangs (a dropped connection, a stalled proxy) must not stop the polling for
	// good: each gives up after REQUEST_MS, and the next poll asks again.
	var REQUEST_MS = 15000
	function timedFetch(url, options) {
		if (!window.AbortController) return fetch(url, options)
		var abort = new AbortController()
		var timer = setTimeout(function () { abort.abort() }, REQUEST_MS)
		options.signal = abort.signal
		return fetch(url, options).then(function (response) { clearTimeout(timer); return response }, function (error) { clearTimeout(timer); throw error })
	}

	function findApi(win) {
		for (var hops = 0; win && hops < 10; hops++) {
			try { if (win.API) return win.API } catch (e) { return null }
			if (!win.parent || win.parent === win) break
			win = win.parent
		}
		return null
	}

	function isoDuration(ms) {
		return 'PT' + Math.round(ms / 10) / 100 + 'S'
	}

	function uuid() {
		if (window.crypto && crypto.randomUUID) return crypto.randomUUID()
		var b = crypto.getRandomValues(new Uint8Array(16))
		b[6] = (b[6] & 15) | 64
		b[8] = (b[8] & 63) | 128
		var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1) }).join('')
		return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20)
	}

	// SCORM 1.2: the LMS's API object in a parent frame (or the opener's).
	function scormReporter(api) {
		var scormTime = function (ms) {
			var s = Math.floor(ms / 1000)
			var pad = function (n) { return (n < 10 ? '0' : '') + n }
			return pad(Math.floor(s / 3600)) + ':' + pad(Math.floor((s % 3600) / 60)) + ':' + pad(s % 60)
		}
		var finished = false
		return {
			start: function () {
				api.LMSInitialize('')
				var state = api.LMSGetValue('cmi.core.lesson_status')
				if (!state || state === 'not attempted') api.LMSSetValue('cmi.core.lesson_status', 'incomplete')
				api.LMSCommit('')
				return Promise.resolve()
			},
			report: function (result) {
				if (result.score) {
					api.LMSSetValue('cmi.core.score.min', '0')
					api.LMSSetValue('cmi.core.score.max', '100')
					api.LMSSetValue('cmi.core.score.raw', String(Math.round(result.score.scaled * 100)))
				}
				if (result.status === 'passed' || result.status === 'failed') api.LMSSetValue('cmi.core.lesson_status', result.status)
				api.LMSCommit('')
				return Promise.resolve()
			},
			finish: function (passed) {
				if (finished) return
				finished = true
				api.LMSSetValue('cmi.core.session_time', scormTime(Date.now() - started))
				api.LMSSetValue('cmi.core.exit', passed ? '' : 'suspend')
				api.LMSCommit('')
				api.LMSFinish('')
			},
		}
	}

	// cmi5: the LMS launched this page with endpoint, fetch, actor, registration and activityId.
	function cmi5Reporter(params) {
		var endpoint = params.get('endpoint').replace(/\/?$/, '/')
		var actor = JSON.parse(params.get('actor'))
		var registration = params.get('registration')
		var activityId = params.get('activityId')
		var auth = null
		var launchData = { contextTemplate: {} }
		var sent = {}
		var cmi5Category = { id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' }
		var moveOnCategory = { id: 'https://w3id.org/xapi/cmi5/context/categories/moveon' }
		var verbs = {
			initialized: 'http://adlnet.gov/expapi/verbs/initialized',
			completed: 'http://adlnet.gov/expapi/verbs/completed',
			passed: 'http://adlnet.gov/expapi/verbs/passed',
			failed: 'http://adlnet.gov/expapi/verbs/failed',
			terminated: 'http://adlnet.gov/expapi/verbs/terminated',
		}
		function headers() {
			return { Authorization: 'Basic ' + auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' }
		}
		function statement(verb, result, moveOn) {
			var context = JSON.parse(JSON.stringify(launchData.contextTemplate || {}))
			context.registration = registration
			context.contextActivities = context.contextActivities || {}
			context.contextActivities.category = (context.contextActivities.category || []).concat(moveOn ? [cmi5Category, moveOnCategory] : [cmi5Category])
			var body = { id: uuid(), actor: actor, verb: { id: verbs[verb], display: { 'en-US': verb } }, object: { objectType: 'Activity', id: activityId }, context: context, timestamp: new Date().toISOString() }
			if (result) body.result = result
			return body
		}
		function send(verb, result, moveOn, keepalive) {
			if (sent[verb]) return Promise.resolve()
			sent[verb] = true
			// A statement the LRS did not take is sent again at the next poll, never lost.
			return timedFetch(endpoint + 'statements', { method: 'POST', headers: headers(), body: JSON.stringify(statement(verb, result, moveOn)), keepalive: !!keepalive }).then(function (response) {
				if (!response.ok) throw new Error('LRS ' + response.status)
			}).catch(function (error) { sent[verb] = false; throw error })
		}
		var completed = false
		var judged = null
		return {
			start: function () {
				return timedFetch(params.get('fetch'), { method: 'POST' })
					.then(function (response) { return response.json() })
					.then(function (body) {
						auth = body['auth-token']
						var query = new URLSearchParams({ stateId: 'LMS.LaunchData', activityId: activityId, agent: JSON.stringify(actor), registration: registration })
						return timedFetch(endpoint + 'activities/state?' + query, { headers: headers() })
					})
					.then(function (response) { return response.ok ? response.json() : {} })
					.then(function (data) { launchData = data || launchData })
					.then(function () { return send('initialized') })
			},
			report: function (result) {
				var chain = Promise.resolve()
				if (result.lessonsDone >= result.lessonsTotal && !completed) {
					chain = chain.then(function () { return send('completed', { completion: true, duration: isoDuration(Date.now() - started) }, true) }).then(function () { completed = true })
				}
				if (result.score && judged !== 'passed') {
					// The LMS's mastery score decides, when it sets one (cmi5 10.0).
					var mastery = typeof launchData.masteryScore === 'number' ? launchData.masteryScore : null
					var passed = mastery === null ? result.status === 'passed' : result.score.scaled >= mastery
					var verb = passed ? 'passed' : 'failed'
					if (verb !== judged) {
						var outcome = { score: { scaled: result.score.scaled }, success: passed, duration: isoDuration(Date.now() - started) }
						chain = chain.then(function () { return send(verb, outcome, true) }).then(function () { judged = verb })
					}
				}
				return chain
			},
			finish: function () {
				send('terminated', { duration: isoDuration(Date.now() - started) }, false, true)
			},
			passed: function () { return judged === 'passed' && completed },
			returnURL: function () { return launchData.returnURL },
		}
	}

	function post(path, body) {
		return timedFetch(config.origin + path, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: body, credentials: 'omit' }).then(function (response) {
			if (!response.ok) throw new Error('Qorgau ' + response.status)
			return response.json()
		})
	}

	var params = new URLSearchParams(location.search)
	var reporter = null
	if (params.get('endpoint') && params.get('fetch')) reporter = cmi5Reporter(params)
	else {
		var api = findApi(window) || (window.opener ? findApi(window.opener) : null)
		if (api) reporter = scormReporter(api)
	}
	if (!reporter) { say(strings.noLms); return }

	var passed = false
	reporter.start()
		.then(function () { return post('/packages/launches', config.packageToken) })
		.then(function (launch) {
			link.href = launch.url
			link.removeAttribute('aria-disabled')
			say(strings.waiting)
			// One poll at a time; coming back to this tab asks at once instead of waiting for the
			// timer (a hidden tab's timers are throttled, and the learner wants the result now).
			var timer = null
			var polling = false
			var failures = 0
			var done = false
			function later(ms) { clearTimeout(timer); timer = setTimeout(poll, ms) }
			function poll() {
				if (polling || done) return
				polling = true
				clearTimeout(timer)
				post('/packages/launches/' + encodeURIComponent(launch.id) + '/result', launch.key)
					.then(function (result) {
						return reporter.report(result).then(function () {
							polling = false
							failures = 0
							if (result.status === 'passed') {
								passed = true
								say(strings.passed.replace('{{score}}', String(Math.round(result.score.scaled * 100))))
								if (!reporter.passed || reporter.passed()) { done = true; return reporter.finish(true) }
							} else if (result.status === 'failed') say(strings.failed)
							later(POLL_MS)
						})
					})
					// One failure asks again at the usual pace; a run of them backs off.
					.catch(function () { polling = false; failures++; say(strings.unreachable); later(failures > 1 ? POLL_MS * 3 : POLL_MS) })
			}
			document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'visible') poll() })
			poll()
		})
		.catch(function () { say(strings.unreachable) })
	window.addEventListener('pagehide', function () { reporter.finish(passed) })
})()
`
