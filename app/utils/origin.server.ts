import { getEnv } from './env.server.ts'

/** The site's public origin: PUBLIC_URL in a deployment, else the address the request came to. */
export function publicOrigin(request: Request): string {
	return getEnv().PUBLIC_URL?.replace(/\/$/, '') ?? new URL(request.url).origin
}
