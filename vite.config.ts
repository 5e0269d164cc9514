import path from 'node:path'
import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vitest/config'
import remixConfig from './remix.config.js'

declare module '@remix-run/node' {
	interface Future {
		v3_singleFetch: true
	}
}

export default defineConfig({
	resolve: { alias: { '~': path.resolve(import.meta.dirname, 'app') } },
	plugins: [!process.env.VITEST && remix(remixConfig)],
	build: {
		target: 'es2020',
		rollupOptions: {
			// A quiet first build (issue 21): two kinds of warning that describe the design, not a fault.
			onwarn(warning, warn) {
				// Resource routes (downloads, /healthz) have no browser code: their client chunk is empty.
				if (warning.code === 'EMPTY_BUNDLE') return
				// The server holds every string bundle statically, the browser fetches them on demand
				// (app/locales/): in the server build the dynamic imports rightly stay in one chunk.
				if (warning.plugin === 'vite:reporter' && warning.message.includes('dynamic import will not move module')) return
				warn(warning)
			},
		},
	},
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					// Some tests start the production server; CI has two slow cores.
					testTimeout: 30_000,
					hookTimeout: 120_000,
					include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.{ts,tsx}'],
					globalSetup: ['tests/setup/global-setup.ts'],
					setupFiles: ['tests/setup/setup-test-env.ts'],
				},
			},
			{
				extends: true,
				test: {
					// Fuzzing and overload against the production server (npm run test:reliability, one file
					// at a time: the overload suite would skew the fuzzer's timings and the other way round).
					name: 'reliability',
					testTimeout: 120_000,
					hookTimeout: 120_000,
					include: ['tests/reliability/**/*.test.ts'],
					globalSetup: ['tests/setup/global-setup.ts'],
					setupFiles: ['tests/setup/setup-test-env.ts'],
				},
			},
			{
				extends: true,
				test: {
					// SIGKILL durability (npm run test:chaos): minutes, so a suite of its own.
					name: 'chaos',
					testTimeout: 240_000,
					hookTimeout: 120_000,
					include: ['tests/chaos/**/*.test.ts'],
					globalSetup: ['tests/setup/global-setup.ts'],
					setupFiles: ['tests/setup/setup-test-env.ts'],
				},
			},
			{
				extends: true,
				test: {
					// Three instances on one throwaway PostgreSQL (npm run test:fleet, decision 016).
					name: 'fleet',
					testTimeout: 180_000,
					hookTimeout: 180_000,
					include: ['tests/fleet/**/*.test.ts'],
					globalSetup: ['tests/setup/global-setup.ts'],
				},
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.e2e.ts'],
					globalSetup: ['tests/setup/global-setup.ts', 'tests/e2e/server-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000,
				},
			},
		],
	},
})
