import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const RELATIVE = { group: ['./*', '../*'], message: 'Import with ~/ (decision 001).' }

export default tseslint.config(
	{ ignores: ['build/', 'app/generated/', 'node_modules/', 'tests/.tmp/', 'bench/results/'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		plugins: { 'react-hooks': reactHooks },
		rules: {
			...reactHooks.configs.recommended.rules,
			'@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	// One import style in app/ (decision 001): `~/…`, never a relative path (`./`, `../`), so no
	// import can slip past the layer rules below as a relative path.
	{ files: ['app/**'], rules: { 'no-restricted-imports': ['error', { patterns: [RELATIVE] }] } },
	// Layers run one way (decision 019): routes → auth → models → domain (courses, quiz, review,
	// certificates, orgs, packages, xapi, lti) → utils and config. Each block forbids the layers above it
	// (and repeats the relative-path rule: a block's options replace the one above).
	layer('app/auth/**', ['routes', 'components']),
	layer('app/models/**', ['routes', 'components', 'auth', 'server']),
	layer('app/{courses,quiz,certificates,orgs,review,packages,xapi,lti}/**', ['routes', 'auth', 'models', 'server'], ['~/utils/db.server*', '~/utils/prisma-client.server*', '~/generated/**', '@prisma/*']),
	layer('app/{utils,config,locales}/**', ['routes', 'components', 'auth', 'models', 'server', 'courses', 'quiz', 'certificates', 'orgs', 'review', 'packages', 'xapi', 'lti']),
)

/** An ESLint block that stops files matching `files` importing from the named app folders. */
function layer(files, above, extra = []) {
	return {
		files: [files],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: above.map((folder) => `~/${folder}/**`), message: 'Layers run one way: routes → auth → models → domain → utils (decision 019).' },
						...(extra.length ? [{ group: extra, message: 'Domain modules are pure: no database, no Prisma (decision 019).' }] : []),
						RELATIVE,
					],
				},
			],
		},
	}
}
