// After Remix's build: precompresses the browser's files, then bundles the HTTP server
// (app/server/index.ts) into build/server.js, packages external. build/server.js comes last:
// ensure-build.ts takes its time as the build's.
import { build } from 'esbuild'
import { precompress } from '~/server/precompress.ts'

await precompress('build/client')

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
