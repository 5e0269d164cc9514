// What a client can read from the guest learner cookie the server sets: Remix signs the value
// (base64 JSON, then ".signature") but does not hide it.
export function learnerFromSetCookie(setCookies: string[]): { cookie: string; learnerId: string } | null {
	const header = setCookies.find((value) => value.startsWith('learner='))
	if (!header) return null
	const cookie = header.split(';')[0]!
	const value = decodeURIComponent(cookie.slice('learner='.length))
	const learnerId = JSON.parse(Buffer.from(value.slice(0, value.lastIndexOf('.')), 'base64').toString('utf8')) as string
	return { cookie, learnerId }
}
