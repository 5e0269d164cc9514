// Bundles the HTTP server (app/server/index.ts) into build/server.js; packages stay external.
import { build } from 'esbuild'

await build({
	entryPoints: ['app/server/index.ts'],
	outfile: 'build/server.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning',
	// The bundle is the production server: running it directly must not start Vite's dev server.
	banner: { js: "process.env.NODE_ENV ??= 'production';" },
})
