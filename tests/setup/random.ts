// A seeded pseudo-random generator (mulberry32): the reliability suites draw every "random"
// choice from a fixed seed, so a failure found once is found again with the same seed.
export type Random = {
	/** A float in [0, 1). */
	next: () => number
	/** An integer in [min, max]. */
	int: (min: number, max: number) => number
	pick: <T>(items: readonly T[]) => T
	chance: (probability: number) => boolean
}

export function seededRandom(seed: number): Random {
	let state = seed >>> 0
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0
		let t = state
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
	return { next, int, pick: (items) => items[int(0, items.length - 1)]!, chance: (probability) => next() < probability }
}
