// After Remix's build: precompresses the browser's files, compiles the repository's lessons
// into build/lessons (a fresh deployment then starts without compiling them), then bundles the
// HTTP server (app/server/index.ts) into build/server.js, packages external. build/server.js
// comes last: ensure-build.ts takes its time as the build's.
import { rmSync } from 'node:fs'
import { build } from 'esbuild'
import { BUILT_LESSONS_DIR, precompileLessons } from '~/courses/lesson-code.server.ts'
import { courseFolders, readCourse } from '~/courses/read.server.ts'
import { precompress } from '~/server/precompress.ts'

await precompress('build/client')

rmSync(BUILT_LESSONS_DIR, { recursive: true, force: true })
const lessonFiles = courseFolders('courses').flatMap((folder) => (readCourse(folder).course?.lessons ?? []).flatMap((lesson) => Object.values(lesson.files)))
const started = performance.now()
const compiled = await precompileLessons(lessonFiles)
console.log(`Compiled ${compiled} lesson files into ${BUILT_LESSONS_DIR} in ${Math.round(performance.now() - started)} ms.`)

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
