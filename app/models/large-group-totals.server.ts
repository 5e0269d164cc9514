// Totals over a large group (status counts, the overdue, quiz item statistics, review counts),
// counted at most once a minute by each process and shared by the pages asked for meanwhile
// (decision 025). Below LIVE_UP_TO members every page counts live: a class of 30 sees each
// completion at once. Above it, counting reads every member (about 2.5 µs of SQLite per member
// and statement, 20,000 learners ≈ 300 ms a page), so a district's page would cost what the
// district weighs, not what the page shows; the page says when its totals were counted.
//
// Nothing here is state: an entry is derived from the database, its key names everything it was
// counted from (group, course, version, due date, member count), and a process that never had
// it counts it again. A new member, a new due date or a new course version is a new key, so a
// teacher who just enrolled or assigned sees the change on the next page.

/** Groups up to this many members are counted on every page. */
export const LIVE_UP_TO = 1_000
/** How long a count stands before the next page asks for a new one (served meanwhile: stale-while-revalidate). */
export const FRESH_FOR_MS = 60_000
const MAX_ENTRIES = 500

type Entry = { countedAt: number; value: Promise<unknown>; refreshing: boolean }
const entries = new Map<string, Entry>()

export type Counted<T> = { value: T; /** When it was counted; null when it was counted for this page. */ countedAt: Date | null }

function remember(key: string, entry: Entry) {
	entries.delete(key)
	entries.set(key, entry)
	// The oldest first in a Map: a process that saw many groups forgets the least recent.
	while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!)
}

function start<T>(key: string, compute: () => Promise<T>, now: number): Entry {
	const entry: Entry = { countedAt: now, value: compute(), refreshing: false }
	// A failed count is not kept: the next page counts again (and this one sees the error).
	entry.value.catch(() => {
		if (entries.get(key) === entry) entries.delete(key)
	})
	remember(key, entry)
	return entry
}

/**
 * The value for `key`: counted now for a small group; for a large one, the last count while it is
 * fresh, or, once it is older, still the last count while a new one runs in the background (one
 * at a time per key). Pages asking at the same moment share one count.
 */
export async function largeGroupTotal<T>(key: string, members: number, compute: () => Promise<T>, now = Date.now()): Promise<Counted<T>> {
	if (members <= LIVE_UP_TO) return { value: await compute(), countedAt: null }
	const known = entries.get(key)
	if (!known) {
		const entry = start(key, compute, now)
		return { value: (await entry.value) as T, countedAt: new Date(entry.countedAt) }
	}
	if (now - known.countedAt >= FRESH_FOR_MS && !known.refreshing) {
		known.refreshing = true
		const next: Entry = { countedAt: now, value: compute(), refreshing: false }
		next.value.then(
			() => remember(key, next),
			() => {
				known.refreshing = false
			},
		)
	}
	return { value: (await known.value) as T, countedAt: new Date(known.countedAt) }
}

/** For tests: forget every count. */
export function forgetLargeGroupTotals() {
	entries.clear()
}
