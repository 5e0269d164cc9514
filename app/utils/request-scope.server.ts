// Values worked out once per HTTP request and shared by everything that answers it: the root
// loader, the route's loaders and actions, the guards (decision 019). Remix hands every loader
// its own copy of the Request, so a Request cannot be the key; the server runs each request in
// its own scope instead. Code called outside a scope (tests calling a loader directly) memoises
// per Request object.
import { AsyncLocalStorage } from 'node:async_hooks'

type Scope = Map<string, unknown>

const storage = new AsyncLocalStorage<Scope>()
const outsideScope = new WeakMap<Request, Scope>()

/** Runs `work` (one request's handling) with a fresh scope. */
export function withRequestScope<T>(work: () => T): T {
	return storage.run(new Map(), work)
}

function scopeOf(request: Request): Scope {
	const current = storage.getStore()
	if (current) return current
	let scope = outsideScope.get(request)
	if (!scope) outsideScope.set(request, (scope = new Map()))
	return scope
}

/** The value under `key` for this request, computed by `compute` the first time it is asked for. */
export function oncePerRequest<T>(request: Request, key: string, compute: () => T): T {
	const scope = scopeOf(request)
	if (!scope.has(key)) scope.set(key, compute())
	return scope.get(key) as T
}
