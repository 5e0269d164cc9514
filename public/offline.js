// The page's side of reading offline (public/sw.js; decision 018). Loaded after the page, so a
// first visit costs what it did. It tells the service worker which page was opened (to keep its
// copy and the files it runs on), sends the queue when the connection returns, offers to keep a
// whole course, and shows when an answer given offline has been checked.
;(() => {
	const worker = navigator.serviceWorker
	if (!worker) return
	const post = (message) => worker.ready.then((registration) => registration.active && registration.active.postMessage(message))
	const lang = document.documentElement.lang
	const assets = new Set()
	for (const entry of performance.getEntriesByType('resource')) assets.add(entry.name)
	for (const element of document.querySelectorAll('script[src], link[rel="modulepreload"], link[rel="stylesheet"]')) assets.add(element.src || element.href)
	post({ type: 'opened', path: location.pathname, lang, assets: [...assets] })
	// The first moments of a returning signal often fail: ask again a little later too.
	addEventListener('online', () => {
		for (const delay of [0, 3000, 10000]) setTimeout(() => post({ type: 'flush' }), delay)
	})

	// Offline, a form goes to the browser itself as a whole-page post, which the service worker can
	// queue: the app's own submission would ask the server for data it cannot reach. Offline means
	// the browser says so, or this page is a kept copy the worker answered with because the network
	// failed (it says so in reply to "opened"; navigator.onLine stays true on a network that reaches
	// nothing). Until the worker has answered, a lesson or quiz form (what the worker can queue, as
	// in sw.js) goes as a whole-page post too: online that is the same answer, without the app's
	// own navigation. Capturing on window comes before React's listener on the document.
	const QUEUEABLE = /^\/courses\/[a-z0-9-]+\/(lessons\/[a-z0-9-]+|quiz)$/
	let fromCopy = null
	addEventListener(
		'submit',
		(event) => {
			const queueable = event.target instanceof HTMLFormElement && QUEUEABLE.test(new URL(event.target.action, location.href).pathname)
			if (!navigator.onLine || fromCopy === true || (fromCopy === null && queueable)) event.stopPropagation()
		},
		true,
	)

	const keep = document.querySelector('[data-keep-offline]')
	const keepStatus = keep && keep.querySelector('[role="status"]')
	if (keep) {
		keep.hidden = false
		keep.querySelector('button').addEventListener('click', () => {
			keepStatus.textContent = keep.dataset.saving
			post({ type: 'save-course', paths: JSON.parse(keep.dataset.keepOffline) })
		})
	}
	const checked = document.querySelector('[data-offline-checked]')
	// Answers the server refused: told here, once, then the worker forgets them.
	const refused = document.querySelector('[data-offline-refused]')
	const told = new Set()
	if (refused) post({ type: 'refused' })

	worker.addEventListener('message', (event) => {
		const message = event.data || {}
		if (message.type === 'copy-state') {
			fromCopy = message.fromCopy === true
			// What the page knows now, for whoever looks (the browser tests wait for it).
			document.documentElement.dataset.offlineState = fromCopy ? 'copy' : 'live'
			// A returning signal does not always fire "online" (nor does a network that starts to
			// reach something again): on a kept copy, offer the queue every few seconds too. A
			// try that fails costs the worker one failed request.
			if (fromCopy) setInterval(() => post({ type: 'flush' }), 5000)
		} else if (message.type === 'course-saved' && keepStatus) {
			keepStatus.textContent = message.result === 'saved' ? keep.dataset.saved : message.result === 'too-big' ? keep.dataset.tooBig : keep.dataset.failed
		} else if (message.type === 'checked' && checked && message.path) {
			const link = document.createElement('a')
			link.href = message.path
			link.textContent = checked.dataset.offlineChecked
			checked.replaceChildren(link)
		} else if (message.type === 'refused' && refused && Array.isArray(message.refused)) {
			for (const answer of message.refused) {
				if (told.has(answer.id)) continue
				told.add(answer.id)
				const link = document.createElement('a')
				link.href = answer.path
				link.textContent = refused.dataset.offlineRefused
				const line = document.createElement('span')
				line.append(link)
				refused.append(line, ' ')
			}
			refused.hidden = false
			post({ type: 'refused', seen: message.refused.map((answer) => answer.id) })
		}
	})
})()
