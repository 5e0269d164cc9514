// The run's figures as one table on the terminal, and as JSON and Markdown in bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { LoadResult } from './load.ts'
import type { MdxTiming } from './mdx-timing.ts'
import type { PageWeight } from './page-weight.ts'

export type ScenarioResult = { id: string; label: string; problem: string | null; load: LoadResult | null; cpuMsPerRequest: number | null }

export type Report = {
	date: string
	quick: boolean
	/** sqlite unless the run had --database (reports of older runs have no engine: SQLite). */
	engine?: 'sqlite' | 'postgresql'
	machine: { cpus: number; cpuModel: string; node: string; platform: string }
	settings: { connections: number; seconds: number; learners: number }
	seedMs: number
	coldStart: { listeningMs: number; firstOkMs: number }
	memory: { rssMb: number; peakMb: number } | null
	mdx: MdxTiming
	pages: PageWeight[]
	scenarios: ScenarioResult[]
	targets: { name: string; value: string; met: boolean }[]
}

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '—')
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

export function evaluateTargets(scenarios: ScenarioResult[], pages: PageWeight[], lessonPath: string): Report['targets'] {
	// A scenario in which no request completed has no figures to compare: its target is missed.
	const load = (id: string) => {
		const result = scenarios.find((scenario) => scenario.id === id)?.load ?? null
		return result && result.requests > 0 ? result : null
	}
	const ran = (id: string) => scenarios.some((scenario) => scenario.id === id)
	const floor = load('floor')
	const lesson = load('lesson-guest')
	const learner = load('lesson-learner')
	const quiz = load('quiz-submit')
	const dashboard = load('dashboard')
	const page = pages.find((entry) => entry.path === lessonPath)
	const targets: Report['targets'] = []
	if (floor && lesson && learner) {
		for (const [name, result] of [['guest', lesson], ['learner', learner]] as const) {
			targets.push({ name: `lesson page (${name}) throughput ≥ 0.8 × floor`, value: `${fixed(result.rps / floor.rps, 2)} ×`, met: result.rps >= 0.8 * floor.rps })
			targets.push({ name: `lesson page (${name}) p99 ≤ 2 × floor p99`, value: `${fixed(result.p99 / floor.p99, 2)} ×`, met: result.p99 <= 2 * floor.p99 })
		}
	}
	if (quiz && lesson) {
		targets.push({ name: 'quiz submission ≥ 0.5 × lesson page throughput', value: `${fixed(quiz.rps / lesson.rps, 2)} ×`, met: quiz.rps >= 0.5 * lesson.rps })
		targets.push({ name: 'quiz submission: 0 errors at 64 connections', value: String(quiz.errors), met: quiz.errors === 0 })
	}
	if (dashboard && lesson) {
		targets.push({ name: 'dashboard median ≤ 3 × lesson page median', value: `${fixed(dashboard.p50 / lesson.p50, 2)} ×`, met: dashboard.p50 <= 3 * lesson.p50 })
	} else if (ran('dashboard') && lesson) {
		targets.push({ name: 'dashboard median ≤ 3 × lesson page median', value: 'no request completed', met: false })
	}
	if (page) {
		targets.push({ name: 'lesson page ≤ 150 KB transferred', value: kb(page.totalWire), met: page.totalWire <= 150 * 1024 })
		targets.push({ name: 'lesson page JS ≤ 120 KB compressed', value: kb(page.js.wire), met: page.js.wire <= 120 * 1024 })
	}
	return targets
}

function scenarioRows(report: Report): string[][] {
	const floor = report.scenarios.find((scenario) => scenario.id === 'floor')?.load
	return report.scenarios.map(({ label, load, problem, cpuMsPerRequest }) => {
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

function summaryLines(report: Report): string[] {
	const { mdx, coldStart, memory } = report
	return [
		`Machine: ${report.machine.cpus} CPUs (${report.machine.cpuModel}), Node ${report.machine.node}, ${report.machine.platform}`,
		`Load: ${report.settings.connections} connections, ${report.settings.seconds} s per scenario${report.quick ? ' (quick mode)' : ''}; ${report.settings.learners} learners seeded in ${fixed(report.seedMs / 1000, 1)} s`,
		`Cold start (fresh database, MDX compiled on start): listening after ${fixed(coldStart.listeningMs)} ms, first 200 after ${fixed(coldStart.firstOkMs)} ms`,
		`Server memory after the run: ${memory ? `${fixed(memory.rssMb)} MB resident (peak ${fixed(memory.peakMb)} MB)` : 'unknown (no /proc)'}`,
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
	console.log(`\n${textTable(HEAD, scenarioRows(report))}\n`)
	console.log(textTable(PAGE_HEAD, pageRows(report)))
	console.log(`\n${summaryLines(report).join('\n')}`)
	console.log('\nTargets:')
	for (const target of report.targets) console.log(`  ${target.met ? 'met   ' : 'MISSED'}  ${target.name}: ${target.value}`)
}

export function markdown(report: Report): string {
	return [
		`# Benchmark ${report.date}${report.quick ? ' (quick)' : ''}`,
		'',
		markdownTable(HEAD, scenarioRows(report)),
		'',
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
