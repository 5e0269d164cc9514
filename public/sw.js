// Qorgau's service worker, written by hand (docs/decisions/018-spaced-review-and-offline.md).
//
// It keeps, for reading without a connection, copies of the pages a learner opened (lessons,
// course pages, quizzes, help and safety) and, on request, a whole course. A copy is asked for with
// the X-Offline-Copy header and kept only when the server answers `private, no-cache`: the server
// sends that only for copies that hold nothing about the person. Anything `no-store` (accounts,
// results, dashboards, the review) is never kept. Lessons completed and quizzes answered offline
// wait in IndexedDB and are sent when the phone is online, each with an id of its own that the
// server uses to count it once; the server grades them, as always. Other sites (the quick exit's
// neutral page) are never touched.

const COPIES = 'qorgau-copies-v1'
const FILES = 'qorgau-files-v1'
const KEPT_CACHES = [COPIES, FILES]
const SHELL_PAGES = ['/offline', '/offline/saved', '/help', '/safety']
const SHELL_FILES = ['/offline.js', '/favicon.svg', '/icons/learning.svg', '/icons/qorgau.svg']
const COPYABLE = /^\/(courses\/[a-z0-9-]+(\/lessons\/[a-z0-9-]+|\/quiz)?|help|safety|offline(\/saved)?)$/
const QUEUEABLE = /^\/courses\/[a-z0-9-]+\/(lessons\/[a-z0-9-]+|quiz)$/
const MAX_COURSE_BYTES = 1024 * 1024
// A copy older than this is fetched again when its page is opened online.
const COPY_MAX_AGE_MS = 24 * 60 * 60 * 1000
const DB_NAME = 'qorgau-offline'
const QUEUE = 'queue'

self.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const files = await caches.open(FILES)
			await Promise.all(SHELL_FILES.map((path) => files.add(path).catch(() => undefined)))
			await Promise.all(SHELL_PAGES.map((path) => fetchCopy(path).then((copy) => copy && putCopy(path, copy.response))))
			await self.skipWaiting()
		})(),
	)
})

self.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const name of await caches.keys()) if (!KEPT_CACHES.includes(name)) await caches.delete(name)
			await self.clients.claim()
		})(),
	)
})

// Set once /safety removed everything: until this worker is gone, it keeps nothing more.
let removed = false

self.addEventListener('fetch', (event) => {
	if (removed) return
	const request = event.request
	const url = new URL(request.url)
	if (url.origin !== self.location.origin) return
	if (request.mode === 'navigate' && request.method === 'GET') return event.respondWith(navigate(event, url))
	if (request.mode === 'navigate' && request.method === 'POST' && url.pathname === '/safety') return event.respondWith(safetyPost(request))
	if (request.mode === 'navigate' && request.method === 'POST' && QUEUEABLE.test(url.pathname)) return event.respondWith(sendOrQueue(event, request, url))
	if (request.method !== 'GET') return
	// Vite fingerprints what is under /assets: a kept file never changes.
	if (url.pathname.startsWith('/assets/')) return event.respondWith(fileFirst(request))
	if (SHELL_FILES.includes(url.pathname) || url.pathname.startsWith('/icons/')) return event.respondWith(networkFirst(request))
})

self.addEventListener('message', (event) => {
	const message = event.data || {}
	if (removed) return
	if (message.type === 'opened' && event.source) {
		event.source.postMessage({ type: 'copy-state', fromCopy: fromCopies.delete(event.source.id) })
	}
	if (message.type === 'opened') event.waitUntil(opened(message))
	else if (message.type === 'flush') event.waitUntil(flush())
	else if (message.type === 'save-course') event.waitUntil(saveCourse(message.paths, event.source))
	else if (message.type === 'refused') event.waitUntil(refusedAnswers(event.source, message.seen).catch(() => undefined))
})

// The pages this worker answered from a kept copy because the network failed, by client id: their
// forms must go as whole-page posts that can be queued. `navigator.onLine` alone cannot say so: it
// stays true on a network that reaches nothing (and under Chromium 150's offline emulation).
const fromCopies = new Set()

async function navigate(event, url) {
	try {
		const response = await fetch(event.request)
		// Online again: whatever waits in the queue can go now.
		event.waitUntil(flush())
		return response
	} catch (offline) {
		const copy = await caches.open(COPIES).then((cache) => cache.match(url.pathname, { ignoreSearch: true, ignoreVary: true }))
		const answer = copy || (await caches.open(COPIES).then((cache) => cache.match('/offline', { ignoreVary: true })))
		if (!answer) throw offline
		if (event.resultingClientId) fromCopies.add(event.resultingClientId)
		return answer
	}
}

/** A page was opened online: keep its copy (fresh) and the files it runs on. */
async function opened(message) {
	const path = typeof message.path === 'string' ? message.path : ''
	if (COPYABLE.test(path)) {
		const kept = await caches.open(COPIES).then((cache) => cache.match(path, { ignoreVary: true }))
		const keptAt = Number(kept && kept.headers.get('X-Kept-At'))
		if (!kept || kept.headers.get('X-Kept-Lang') !== message.lang || Date.now() - keptAt > COPY_MAX_AGE_MS) {
			const copy = await fetchCopy(path)
			if (copy) await putCopy(path, copy.response, message.lang)
		}
	}
	const files = await caches.open(FILES)
	for (const asset of Array.isArray(message.assets) ? message.assets : []) {
		if (typeof asset !== 'string' || !asset.startsWith(`${self.location.origin}/assets/`)) continue
		if (!(await files.match(asset))) await files.add(asset).catch(() => undefined)
	}
	await flush()
}

/** The server's copy of a page for reading offline, or null when it may not be kept. */
async function fetchCopy(path) {
	try {
		const response = await fetch(path, { headers: { 'X-Offline-Copy': '1' }, cache: 'no-store', credentials: 'same-origin', redirect: 'error' })
		const cacheControl = response.headers.get('Cache-Control') || ''
		if (!response.ok || cacheControl.includes('no-store') || !cacheControl.includes('private')) return null
		const body = await response.arrayBuffer()
		return { response: new Response(body, response), bytes: body.byteLength }
	} catch {
		return null
	}
}

async function putCopy(path, response, lang) {
	const headers = new Headers(response.headers)
	headers.set('X-Kept-At', String(Date.now()))
	if (lang) headers.set('X-Kept-Lang', lang)
	const body = await response.arrayBuffer()
	await caches.open(COPIES).then((cache) => cache.put(path, new Response(body, { status: response.status, headers })))
}

/** A whole course for reading offline: every page's copy, or none when they pass 1 MB together. */
async function saveCourse(paths, client) {
	const reply = (result) => client && client.postMessage({ type: 'course-saved', result })
	if (!Array.isArray(paths) || paths.length > 50 || !paths.every((path) => typeof path === 'string' && COPYABLE.test(path))) return reply('failed')
	const copies = []
	let bytes = 0
	for (const path of paths) {
		const copy = await fetchCopy(path)
		if (!copy) return reply('failed')
		bytes += copy.bytes
		if (bytes > MAX_COURSE_BYTES) return reply('too-big')
		copies.push([path, copy.response])
	}
	for (const [path, response] of copies) await putCopy(path, response)
	reply('saved')
}

async function fileFirst(request) {
	const files = await caches.open(FILES)
	const kept = await files.match(request)
	if (kept) return kept
	const response = await fetch(request)
	if (response.ok) await files.put(request, response.clone())
	return response
}

async function networkFirst(request) {
	try {
		const response = await fetch(request)
		if (response.ok) await caches.open(FILES).then((files) => files.put(request, response.clone()))
		return response
	} catch (offline) {
		const kept = await caches.open(FILES).then((files) => files.match(request))
		if (kept) return kept
		throw offline
	}
}

/** A lesson completed or a quiz answered: sent now, or kept for later when there is no connection. */
async function sendOrQueue(event, request, url) {
	const form = await request.clone().formData()
	try {
		const response = await fetch(request)
		// A quiz handed in online: the kept copy's form is spent, so the next attempt offline gets a fresh one.
		if (url.pathname.endsWith('/quiz') && response.status < 500) event.waitUntil(refreshCopy(url.pathname).catch(() => undefined))
		return response
	} catch {
		const fields = []
		for (const [name, value] of form) if (typeof value === 'string' && name !== 'offlineId') fields.push([name, value])
		await queued('readwrite', (store) => store.put({ id: crypto.randomUUID(), path: url.pathname, fields, queuedAt: Date.now() }))
		return Response.redirect('/offline/saved', 303)
	}
}

/** Fetches a kept page's copy again, if one is kept. */
async function refreshCopy(path) {
	const kept = await caches.open(COPIES).then((cache) => cache.match(path, { ignoreVary: true }))
	if (!kept) return
	const copy = await fetchCopy(path)
	if (copy) await putCopy(path, copy.response, kept.headers.get('X-Kept-Lang') || undefined)
}

/** The answers the server refused, for the page that tells the learner; told once, then forgotten. */
async function refusedAnswers(client, seen) {
	if (Array.isArray(seen)) {
		for (const id of seen) if (typeof id === 'string') await queued('readwrite', (store) => store.delete(id))
		return
	}
	const refused = (await queued('readonly', (store) => store.getAll())).filter((item) => item.refused)
	if (client && refused.length > 0) client.postMessage({ type: 'refused', refused: refused.map((item) => ({ id: item.id, path: item.path })) })
}

let flushing = null

/** Sends what waits, oldest first (a lesson before the quiz it opens); stops at the first failure. */
function flush() {
	flushing ??= (async () => {
		try {
			// A refused answer stays on the phone, out of the loop, until its learner has been told.
			const waiting = (await queued('readonly', (store) => store.getAll())).filter((item) => !item.refused).sort((a, b) => a.queuedAt - b.queuedAt)
			for (const item of waiting) {
				const body = new URLSearchParams(item.fields)
				body.set('offlineId', item.id)
				let response
				try {
					response = await fetch(item.path, { method: 'POST', body, credentials: 'same-origin' })
				} catch {
					return
				}
				// Busy, broken or too many at once: try again later.
				if (response.status >= 500 || response.status === 429) return
				// Refused (the kept quiz was out of date, the quiz is resting, ...): never sent again,
				// but kept as refused so that the learner hears of it (the saved-answers page says so).
				if (!response.ok) await queued('readwrite', (store) => store.put({ id: item.id, path: item.path, fields: [], queuedAt: item.queuedAt, refused: true }))
				else await queued('readwrite', (store) => store.delete(item.id))
				// The kept quiz carried this attempt's nonce: the next one offline needs a fresh form.
				if (item.path.endsWith('/quiz')) await refreshCopy(item.path)
				for (const client of await self.clients.matchAll({ type: 'window' })) {
					client.postMessage(response.ok ? { type: 'checked', path: new URL(response.url).pathname } : { type: 'refused', refused: [{ id: item.id, path: item.path }] })
				}
			}
		} finally {
			flushing = null
		}
	})()
	return flushing
}

function openQueue() {
	return new Promise((resolve, reject) => {
		// After removal, a flush still under way must not create the queue again.
		if (removed) return reject(new Error('removed'))
		const opening = indexedDB.open(DB_NAME, 1)
		opening.onupgradeneeded = () => opening.result.createObjectStore(QUEUE, { keyPath: 'id' })
		opening.onsuccess = () => resolve(opening.result)
		opening.onerror = () => reject(opening.error)
	})
}

async function queued(mode, work) {
	const db = await openQueue()
	try {
		return await new Promise((resolve, reject) => {
			const transaction = db.transaction(QUEUE, mode)
			const request = work(transaction.objectStore(QUEUE))
			transaction.oncomplete = () => resolve(request.result)
			transaction.onerror = () => reject(transaction.error)
		})
	} finally {
		db.close()
	}
}

/**
 * "Remove the offline copies and unsent answers" on /safety: done here at once, and by the
 * server's Clear-Site-Data when the post reaches it. Without a connection the page answers itself,
 * with the words the form carried.
 */
async function safetyPost(request) {
	const form = await request.clone().formData()
	const removing = form.get('offline') === 'remove'
	if (removing) {
		removed = true
		for (const name of await caches.keys()) await caches.delete(name)
		await new Promise((resolve) => {
			const deleting = indexedDB.deleteDatabase(DB_NAME)
			deleting.onsuccess = deleting.onerror = deleting.onblocked = resolve
		})
		await self.registration.unregister()
	}
	try {
		return await fetch(request)
	} catch (offline) {
		if (!removing) throw offline
		const text = String(form.get('removedText') || '').replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`)
		return new Response(`<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title></title><p role="status">${text}</p><p><a href="/">&larr;</a></p>`, {
			headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
		})
	}
}
