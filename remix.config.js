// The one place for Remix options: vite.config.ts passes these to the Remix Vite plugin.
/** @type {Partial<import('@remix-run/dev').VitePluginConfig>} */
export default {
	appDirectory: 'app',
	// Everything under app/routes that is not a route module: tests and server helpers.
	ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}', '**/*.server.{ts,tsx}'],
	future: {
		v3_fetcherPersist: true,
		v3_relativeSplatPath: true,
		v3_throwAbortReason: true,
		v3_singleFetch: true,
		v3_lazyRouteDiscovery: false,
		v3_routeConfig: false,
	},
}
