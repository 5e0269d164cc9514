// Quiz answer keys, feedback and explanations live only on the server: no browser script holds them.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { courseFolders, readCourse } from '~/courses/read.server.ts'
import { ROOT } from '../setup/paths.ts'

test('no quiz explanation or feedback appears in the client JavaScript', () => {
	const assets = path.join(ROOT, 'build/client/assets')
	const scripts = readdirSync(assets)
		.filter((name) => name.endsWith('.js'))
		.map((name) => readFileSync(path.join(assets, name), 'utf8'))
		.join('\n')
	expect(scripts.length).toBeGreaterThan(0)
	const secrets = [path.join(ROOT, 'courses'), path.join(ROOT, 'tests/fixtures/courses')]
		.flatMap(courseFolders)
		.flatMap((dir) => readCourse(dir).course?.quiz?.questions ?? [])
		.flatMap((question) => [question.en, question.ru, question.kk].flatMap((texts) => (texts ? [texts.explanation, ...Object.values(texts.options ?? {}).flatMap((option) => (option.feedback ? [option.feedback] : []))] : [])))
	// Short feedback such as "Right." is also an interface string; the long texts are the secrets.
	const distinctive = secrets.filter((text) => text.length >= 30)
	expect(distinctive.length).toBeGreaterThan(50)
	for (const secret of distinctive) expect(scripts).not.toContain(secret)
	// And the browser gets React's production build.
	expect(scripts).not.toContain('__REACT_DEVTOOLS_GLOBAL_HOOK__.registerInternalModuleStart')
})
