// Quiz answer keys, feedback and explanations live only on the server: no browser script holds them.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { ensureBuild } from '../../app/server/ensure-build.ts'
import { courseFolders, readCourse } from '~/courses/read.server.ts'
import { ROOT } from '../setup/paths.ts'

test('no quiz explanation or feedback appears in the client JavaScript', () => {
	ensureBuild()
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
	expect(secrets.length).toBeGreaterThan(50)
	for (const secret of secrets) expect(scripts).not.toContain(secret)
})
