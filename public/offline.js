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
	// queue: the app's own submission would ask the server for data it cannot reach. Capturing on
	// window comes before React's listener on the document.
	addEventListener(
		'submit',
		(event) => {
			if (!navigator.onLine) event.stopPropagation()
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

	worker.addEventListener('message', (event) => {
		const message = event.data || {}
		if (message.type === 'course-saved' && keepStatus) {
			keepStatus.textContent = message.result === 'saved' ? keep.dataset.saved : message.result === 'too-big' ? keep.dataset.tooBig : keep.dataset.failed
		} else if (message.type === 'checked' && checked && message.path) {
			const link = document.createElement('a')
			link.href = message.path
			link.textContent = checked.dataset.offlineChecked
			checked.replaceChildren(link)
		}
	})
})()
