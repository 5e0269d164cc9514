// The run's figures as tables on the terminal, and as JSON and Markdown in bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { LoadResult } from './load.ts'
import type { MdxTiming } from './mdx-timing.ts'
import type { PageWeight } from './page-weight.ts'

export type ScenarioResult = { id: string; label: string; problem: string | null; load: LoadResult | null; cpuMsPerRequest: number | null }

type Memory = { rssMb: number; peakMb: number; largestPeakMb: number; processes: number }

/** One server (with this many worker processes) and what every scenario measured on it. */
export type WorkerRun = {
	workers: number
	coldStart: { listeningMs: number; firstOkMs: number }
	memory: Memory | null
	/** Resident memory after all scenarios, and after all of them once more in the same process. */
	leak: { afterFirstMb: number; afterSecondMb: number } | null
	scenarios: ScenarioResult[]
}

export type Report = {
	date: string
	quick: boolean
	/** sqlite unless the run had --database (reports of older runs have no engine: SQLite). */
	engine?: 'sqlite' | 'postgresql'
	machine: { cpus: number; cpuModel: string; node: string; platform: string }
	settings: { connections: number; seconds: number; learners: number }
	encoding: string
	seedMs: number
	largeLearners: { learners: number; seedMs: number } | null
	mdx: MdxTiming
	pages: PageWeight[]
	runs: WorkerRun[]
	targets: { name: string; value: string; met: boolean }[]
}

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '—')
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
/** Growth between the leak check's two passes that still counts as none: allocator and GC noise. */
export const LEAK_TOLERANCE = 0.05

export function evaluateTargets(runs: WorkerRun[], pages: PageWeight[], lessonPath: string): Report['targets'] {
	const run = runs[0]
	if (!run) return []
	// A scenario in which no request completed has no figures to compare: its target is missed.
	const result = (id: string) => run.scenarios.find((scenario) => scenario.id === id) ?? null
	const load = (id: string) => {
		const found = result(id)?.load ?? null
		return found && found.requests > 0 ? found : null
	}
	const cpu = (id: string) => result(id)?.cpuMsPerRequest ?? null
	const floor = load('floor')
	const targets: Report['targets'] = []
	const ratio = (name: string, value: number | null, limit: number, atMost: boolean) => {
		if (value === null || !Number.isFinite(value)) return
		targets.push({ name, value: `${fixed(value, 2)} ×`, met: atMost ? value <= limit : value >= limit })
	}
	const identity = load('floor-identity')
	if (floor && identity) ratio('/about compressed ≥ 0.75 × uncompressed throughput', floor.rps / identity.rps, 0.75, false)
	for (const [name, id] of [['guest', 'lesson-guest'], ['learner', 'lesson-learner']] as const) {
		const lesson = load(id)
		if (!floor || !lesson) continue
		ratio(`lesson page (${name}) throughput ≥ 0.85 × floor`, lesson.rps / floor.rps, 0.85, false)
		ratio(`lesson page (${name}) p99 ≤ 2 × floor p99`, lesson.p99 / floor.p99, 2, true)
	}
	const quiz = load('quiz-submit')
	const lesson = load('lesson-guest')
	if (quiz && lesson) ratio('quiz submission ≥ 0.6 × lesson page throughput', quiz.rps / lesson.rps, 0.6, false)
	if (quiz && floor) ratio('quiz submission p99 ≤ 3 × floor p99', quiz.p99 / floor.p99, 3, true)
	if (result('quiz-submit')?.load) targets.push({ name: 'quiz submission: 0 errors at 64 connections', value: String(result('quiz-submit')!.load!.errors), met: result('quiz-submit')!.load!.errors === 0 })
	const dashboardCpu = cpu('dashboard')
	const learnerCpu = cpu('lesson-learner')
	if (dashboardCpu !== null && learnerCpu !== null) ratio('dashboard CPU per page ≤ 3 × signed-in lesson page', dashboardCpu / learnerCpu, 3, true)
	const largeCpu = cpu('dashboard-large')
	if (largeCpu !== null && dashboardCpu !== null) ratio('dashboard CPU at 20,000 learners ≤ 1.5 × at 2,000', largeCpu / dashboardCpu, 1.5, true)
	const peak = Math.max(...runs.filter((entry) => entry.workers === 1).map((entry) => entry.memory?.peakMb ?? NaN))
	if (Number.isFinite(peak)) targets.push({ name: 'peak resident memory ≤ 300 MB (1 worker, whole bench)', value: `${fixed(peak)} MB`, met: peak <= 300 })
	if (run.leak) {
		const growth = (run.leak.afterSecondMb - run.leak.afterFirstMb) / run.leak.afterFirstMb
		targets.push({
			name: `no memory growth over a second pass (≤ ${LEAK_TOLERANCE * 100} %)`,
			value: `${fixed(run.leak.afterFirstMb)} → ${fixed(run.leak.afterSecondMb)} MB (${growth >= 0 ? '+' : ''}${fixed(growth * 100, 1)} %)`,
			met: growth <= LEAK_TOLERANCE,
		})
	}
	for (const entry of runs) {
		targets.push({ name: `cold start to first 200 < 3 s (${entry.workers} worker${entry.workers === 1 ? '' : 's'})`, value: `${fixed(entry.coldStart.firstOkMs)} ms`, met: entry.coldStart.firstOkMs < 3000 })
	}
	const page = pages.find((entry) => entry.path === lessonPath)
	if (page) {
		targets.push({ name: 'lesson page ≤ 150 KB transferred', value: kb(page.totalWire), met: page.totalWire <= 150 * 1024 })
		targets.push({ name: 'lesson page JS ≤ 120 KB compressed', value: kb(page.js.wire), met: page.js.wire <= 120 * 1024 })
	}
	return targets
}

function scenarioRows(run: WorkerRun): string[][] {
	const floor = run.scenarios.find((scenario) => scenario.id === 'floor')?.load
	return run.scenarios.map(({ label, load, problem, cpuMsPerRequest }) => {
		if (!load) return [label, '—', '—', '—', problem ? `not run: ${problem.slice(0, 80)}` : 'not run', '—', '—', '—']
		return [
			label,
			fixed(load.rps),
			fixed(load.p50),
			fixed(load.p99),
			String(load.errors),
			floor ? fixed(load.rps / floor.rps, 2) : '—',
			floor ? fixed(load.p99 / floor.p99, 2) : '—',
			cpuMsPerRequest === null ? '—' : fixed(cpuMsPerRequest, 1),
		]
	})
}

const HEAD = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'req/s ÷ floor', 'p99 ÷ floor', 'server CPU ms/req']

/** Each scenario's throughput and CPU per request under each worker count, side by side. */
function workerRows(report: Report): { head: string[]; rows: string[][] } {
	const head = ['scenario', ...report.runs.flatMap((run) => [`req/s (${run.workers}w)`, `p99 ms (${run.workers}w)`, `CPU ms/req (${run.workers}w)`])]
	const ids = report.runs[report.runs.length - 1]?.scenarios.map((scenario) => scenario.id) ?? []
	const rows = ids.map((id) => [
		report.runs[0]!.scenarios.find((scenario) => scenario.id === id)?.label ?? id,
		...report.runs.flatMap((run) => {
			const scenario = run.scenarios.find((candidate) => candidate.id === id)
			return scenario?.load ? [fixed(scenario.load.rps), fixed(scenario.load.p99), scenario.cpuMsPerRequest === null ? '—' : fixed(scenario.cpuMsPerRequest, 1)] : ['—', '—', '—']
		}),
	])
	return { head, rows }
}

function summaryLines(report: Report): string[] {
	const { mdx } = report
	return [
		`Machine: ${report.machine.cpus} CPUs (${report.machine.cpuModel}), Node ${report.machine.node}, ${report.machine.platform}`,
		`Load: ${report.settings.connections} connections, ${report.settings.seconds} s per scenario${report.quick ? ' (quick mode)' : ''}, Accept-Encoding: ${report.encoding}; ${report.settings.learners} learners seeded in ${fixed(report.seedMs / 1000, 1)} s${report.largeLearners ? `, ${report.largeLearners.learners} more in ${fixed(report.largeLearners.seedMs / 1000, 1)} s` : ''}`,
		...report.runs.map(
			(run) =>
				`${run.workers} worker${run.workers === 1 ? '' : 's'}: cold start (MDX compiled on start) first 200 after ${fixed(run.coldStart.firstOkMs)} ms, every worker listening after ${fixed(run.coldStart.listeningMs)} ms; memory after the run ${run.memory ? `${fixed(run.memory.rssMb)} MB resident in ${run.memory.processes} processes (peak ${fixed(run.memory.peakMb)} MB, largest process ${fixed(run.memory.largestPeakMb)} MB)` : 'unknown (no /proc)'}${run.leak ? `; leak check: ${fixed(run.leak.afterFirstMb)} MB after the scenarios, ${fixed(run.leak.afterSecondMb)} MB after all of them again` : ''}`,
		),
		`MDX compile over ${mdx.lessons} lesson files: first in process ${fixed(mdx.firstMs)} ms; cold median ${fixed(mdx.coldMedianMs)} ms (max ${fixed(mdx.coldMaxMs)}); warm median ${fixed(mdx.warmMedianMs)} ms (max ${fixed(mdx.warmMaxMs)})`,
	]
}

function pageRows(report: Report): string[][] {
	return report.pages.map((page) => [
		page.path,
		`${kb(page.html.wire)} (${page.html.encoding}; ${kb(page.html.raw)} raw)`,
		`${kb(page.js.wire)} in ${page.js.files} files (${kb(page.js.raw)} raw)`,
		`${kb(page.css.wire)} (${kb(page.css.raw)} raw)`,
		kb(page.totalWire),
	])
}
const PAGE_HEAD = ['page', 'HTML', 'JS', 'CSS', 'total transferred']

function textTable(head: string[], rows: string[][]): string {
	const widths = head.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)))
	const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')
	return [line(head), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n')
}

function markdownTable(head: string[], rows: string[][]): string {
	const escape = (cell: string) => cell.replace(/\|/g, '\\|')
	return [`| ${head.join(' | ')} |`, `|${head.map((_, index) => (index === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`)].join('\n')
}

export function printReport(report: Report) {
	const first = report.runs[0]
	if (first) console.log(`\n${first.workers} worker${first.workers === 1 ? '' : 's'}:\n${textTable(HEAD, scenarioRows(first))}\n`)
	if (report.runs.length > 1) {
		const side = workerRows(report)
		console.log(`Workers side by side:\n${textTable(side.head, side.rows)}\n`)
	}
	console.log(textTable(PAGE_HEAD, pageRows(report)))
	console.log(`\n${summaryLines(report).join('\n')}`)
	console.log('\nTargets:')
	for (const target of report.targets) console.log(`  ${target.met ? 'met   ' : 'MISSED'}  ${target.name}: ${target.value}`)
}

export function markdown(report: Report): string {
	const first = report.runs[0]
	const side = workerRows(report)
	return [
		`# Benchmark ${report.date}${report.quick ? ' (quick)' : ''}`,
		'',
		...(first ? [`${first.workers} worker${first.workers === 1 ? '' : 's'}:`, '', markdownTable(HEAD, scenarioRows(first)), ''] : []),
		...(report.runs.length > 1 ? ['Workers side by side:', '', markdownTable(side.head, side.rows), ''] : []),
		markdownTable(PAGE_HEAD, pageRows(report)),
		'',
		...summaryLines(report).map((line) => `- ${line}`),
		'',
		'## Targets',
		'',
		...report.targets.map((target) => `- ${target.met ? 'met' : '**missed**'}: ${target.name} — ${target.value}`),
		'',
	].join('\n')
}

/** Writes <date>.json and .md, and latest.json / latest.md beside them. */
export function writeReport(report: Report, dir: string): string[] {
	mkdirSync(dir, { recursive: true })
	const stamp = report.date.replace(/[:.]/g, '-')
	const files: string[] = []
	const suffix = `${report.engine === 'postgresql' ? '-postgresql' : ''}${report.quick ? '-quick' : ''}`
	for (const name of [stamp, 'latest']) {
		const json = path.join(dir, `${name}${suffix}.json`)
		const md = path.join(dir, `${name}${suffix}.md`)
		writeFileSync(json, `${JSON.stringify(report, null, '\t')}\n`)
		writeFileSync(md, markdown(report))
		files.push(json, md)
	}
	return files.slice(0, 2)
}
