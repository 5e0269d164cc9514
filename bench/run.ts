// `npm run bench [-- --quick] [--profile] [--only floor,dashboard] [--keep] [--database postgresql://…]`: builds if needed,
// seeds a fresh database with a large organisation, starts the production server on loopback and
// loads each scenario in turn (docs/decisions/012-benchmark.md). Exits non-zero when a scenario
// errs or cannot run — never because of a timing: machines differ, so timings are reported, not
// asserted.
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ensureBuild } from '../app/server/ensure-build.ts'
import { readCourses } from '../prisma/seed-organisation.ts'
import { prepareData, ROOT } from './database.ts'
import { runLoad } from './load.ts'
import { timeMdx } from './mdx-timing.ts'
import { pageWeight, type PageWeight } from './page-weight.ts'
import { printBesideSqlite } from './compare.ts'
import { evaluateTargets, printReport, writeReport, type Report, type ScenarioResult, type WorkerRun } from './report.ts'
import { buildScenarios, checkScenario, lessonPath, type Scenario } from './scenarios.ts'
import { cpuTimeMs, residentMemory, startAppServer, startStaticServer, type BenchServer } from './server.ts'

const { values } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		profile: { type: 'boolean', default: false },
		seconds: { type: 'string' },
		connections: { type: 'string', default: '64' },
		learners: { type: 'string', default: '2000' },
		'large-learners': { type: 'string' },
		encoding: { type: 'string', default: 'gzip, deflate, br' },
		workers: { type: 'string', default: '1,2' },
		only: { type: 'string' },
		keep: { type: 'boolean', default: false },
		// A PostgreSQL server: the run makes its own database there, and prints SQLite's last figures beside.
		database: { type: 'string' },
	},
})
if (values.database && !/^postgres(ql)?:\/\//.test(values.database)) throw new Error('--database takes a postgresql:// URL')
const engine = values.database ? 'postgresql' : 'sqlite'
const quick = values.quick
const seconds = Number(values.seconds ?? (quick ? 2 : 10))
const connections = Number(values.connections)
const learners = Number(values.learners)
// The district-sized group: in full runs only (CI's quick run stays quick).
const largeLearners = Number(values['large-learners'] ?? (quick ? 0 : 20_000))
const workerCounts = values.workers.split(',').map(Number).filter((count) => Number.isInteger(count) && count >= 1)
const RESULTS = path.join(ROOT, 'bench/results')
const log = (line: string) => console.log(`[bench] ${line}`)
if (workerCounts.length === 0) throw new Error('--workers takes a list of counts, e.g. 1,2')

process.chdir(ROOT)
ensureBuild()

const courses = readCourses(path.join(ROOT, 'courses'))
const withQuiz = courses.find((course) => course.quiz)
if (!withQuiz) throw new Error('No course with a quiz in courses/')
const quizCourse = withQuiz
const lessonCourse = quizCourse

log(`Seeding ${learners} learners${largeLearners ? ` and a second organisation of ${largeLearners}` : ''} into a fresh database…`)
const data = await prepareData({ learners, largeLearners, quizCourse: quizCourse.slug, pool: 512, postgresUrl: values.database })
log(`Seeded in ${(data.seedMs / 1000).toFixed(1)} s (${data.seeded.counts.progress} completed lessons, ${data.seeded.counts.attempts} attempts, ${data.seeded.counts.certificates} certificates) in ${data.dir}`)
if (data.large) log(`Seeded ${largeLearners} learners in ${(data.large.seedMs / 1000).toFixed(1)} s`)
// The cookie a visitor has once they chose a language, sent by every scenario (as browsers do).
const { localeCookie } = await import('../app/utils/i18n.server.ts')
const browser = { encoding: values.encoding, languageCookie: (await localeCookie.serialize('kk')).split(';')[0]! }

log('Timing MDX compilation…')
const mdx = await timeMdx(quick ? 6 : Infinity)

const profileDir = path.join(RESULTS, 'profiles')
const runs: WorkerRun[] = []
const pages: PageWeight[] = []
try {
	for (const [index, workers] of workerCounts.entries()) {
		runs.push(await measureWith(workers, index === 0))
	}
} finally {
	// The database is only for this run (--keep leaves it, to look at it afterwards).
	if (!values.keep) await data.cleanup()
}

/**
 * One server with this many worker processes, every scenario in turn; for the first server also
 * the static ceiling, the page weights and the leak check (every scenario a second time in the
 * same process, and its memory compared).
 */
async function measureWith(workers: number, first: boolean): Promise<WorkerRun> {
	log(`Starting the production server with ${workers} worker${workers === 1 ? '' : 's'}…`)
	const server = await startAppServer(
		{
			DATABASE_URL: data.databaseUrl,
			SESSION_SECRET: data.sessionSecret,
			COURSES_DIR: path.join(ROOT, 'courses'),
			WEB_CONCURRENCY: String(workers),
			// As behind a deployment's reverse proxy: quiz takers come from their schools' addresses.
			TRUST_PROXY: '1',
		},
		lessonPath(lessonCourse),
		values.profile && first ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
	)
	log(`Serving at ${server.url} (pid ${server.pid}): first 200 after ${server.coldStart.firstOkMs.toFixed(0)} ms, every worker listening after ${server.coldStart.listeningMs.toFixed(0)} ms`)
	let staticServer: Awaited<ReturnType<typeof startStaticServer>> | null = null
	try {
		if (first) {
			// The static scenario serves the exact HTML the app renders for the lesson page.
			const lessonHtml = await (await fetch(`${server.url}${lessonPath(lessonCourse)}`)).text()
			const htmlFile = path.join(data.dir, 'lesson.html')
			writeFileSync(htmlFile, lessonHtml)
			staticServer = await startStaticServer(htmlFile)
		}
		const scenarios = buildScenarios({ data, origin: server.url, lessonCourse, quizCourse, courses, browser }).filter(
			(scenario) => (!values.only || values.only.split(',').includes(scenario.id)) && (first || scenario.target === 'app'),
		)
		const results = await runScenarios(scenarios, server, staticServer?.url ?? '')
		let leak: WorkerRun['leak'] = null
		if (first) {
			const afterFirst = residentMemory(server.pid)
			log('Leak check: every scenario once more in the same server…')
			await runScenarios(scenarios, server, staticServer?.url ?? '')
			const afterSecond = residentMemory(server.pid)
			if (afterFirst && afterSecond) leak = { afterFirstMb: afterFirst.rssMb, afterSecondMb: afterSecond.rssMb }
			const pageCookies: [string, string | undefined][] = [
				['/about', undefined],
				[lessonPath(lessonCourse), undefined],
				['/courses', undefined],
				[`/orgs/${data.seeded.org.slug}/groups/${data.seeded.group.id}`, data.adminCookie],
			]
			for (const [pagePath, cookie] of pageCookies) {
				try {
					pages.push(await pageWeight(server.url, pagePath, cookie ? { Cookie: cookie } : {}))
				} catch (error) {
					log(`Page weight of ${pagePath}: ${String(error)}`)
				}
			}
		}
		return { workers, coldStart: server.coldStart, memory: residentMemory(server.pid), leak, scenarios: results }
	} finally {
		await staticServer?.stop()
		await server.stop()
	}
}

async function runScenarios(scenarios: Scenario[], server: BenchServer, staticUrl: string): Promise<ScenarioResult[]> {
	const results: ScenarioResult[] = []
	for (const scenario of scenarios) {
		const url = scenario.target === 'static' ? staticUrl : server.url
		const problem = await checkScenario(scenario, url).catch((error: unknown) => String(error))
		if (problem) {
			log(`${scenario.id}: NOT RUN — ${problem}\nServer output:\n${server.output().split('\n').slice(-30).join('\n')}`)
			results.push({ id: scenario.id, label: scenario.label, problem, load: null, cpuMsPerRequest: null })
			continue
		}
		// A short unrecorded pass first: JIT, caches and connection pools warm, as in production.
		const amount = scenario.requestsPerConnection ? scenario.requestsPerConnection * connections : undefined
		if (!amount) await runLoad({ url, connections, seconds: quick ? 1 : 2, next: scenario.next })
		// The app server's CPU time per request: unlike req/s, it holds on a machine busy with other work.
		const cpuBefore = scenario.target === 'app' ? cpuTimeMs(server.pid) : null
		const outputBefore = server.output().length
		const load = await runLoad({ url, connections, seconds, amount, next: scenario.next })
		const cpuAfter = scenario.target === 'app' ? cpuTimeMs(server.pid) : null
		// An error the server logs is a failed request even when its status was already sent
		// (a render aborted mid-page still began with 200).
		const serverErrors = server
			.output()
			.slice(outputBefore)
			.split('\n')
			.filter((line) => /^\S*Error\b/.test(line))
		load.errors += serverErrors.length
		if (serverErrors.length) log(`${scenario.id}: the server logged ${serverErrors.length} errors, the first: ${serverErrors[0]}`)
		const cpuMsPerRequest = cpuBefore !== null && cpuAfter !== null && load.requests > 0 ? (cpuAfter - cpuBefore) / load.requests : null
		log(
			`${scenario.id}: ${load.rps.toFixed(0)} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms, ${load.errors} errors${cpuMsPerRequest === null ? '' : `, ${cpuMsPerRequest.toFixed(1)} ms CPU/request`}`,
		)
		results.push({ id: scenario.id, label: scenario.label, problem: load.requests === 0 ? 'no request completed' : null, load, cpuMsPerRequest })
	}
	return results
}

const report: Report = {
	date: new Date().toISOString(),
	quick,
	engine,
	machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.release()}` },
	settings: { connections, seconds, learners },
	encoding: values.encoding,
	seedMs: data.seedMs,
	largeLearners: data.large ? { learners: largeLearners, seedMs: data.large.seedMs } : null,
	mdx,
	pages,
	runs,
	targets: evaluateTargets(runs, pages, lessonPath(lessonCourse)),
}
printReport(report)
if (engine === 'postgresql') printBesideSqlite(report, RESULTS, log)
const [jsonFile, mdFile] = writeReport(report, RESULTS)
log(`Wrote ${path.relative(ROOT, jsonFile!)} and ${path.relative(ROOT, mdFile!)}`)
if (values.profile) log(`CPU profiles of the server in ${path.relative(ROOT, profileDir)}`)

const failed = runs.flatMap((run) => run.scenarios).filter((result) => result.problem || !result.load || result.load.errors > 0)
if (failed.length > 0) {
	log(`Failed: ${failed.map((result) => `${result.id} (${result.problem ?? `${result.load?.errors} errors`})`).join(', ')}`)
	process.exit(1)
}
