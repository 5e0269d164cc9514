// With --database: the PostgreSQL run's figures beside the last SQLite run of the same kind
// (bench/results/latest[-quick].json), scenario by scenario for each number of workers.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Report } from './report.ts'

export function printBesideSqlite(report: Report, resultsDir: string, log: (line: string) => void) {
	const file = path.join(resultsDir, `latest${report.quick ? '-quick' : ''}.json`)
	if (!existsSync(file)) {
		log(`No SQLite figures to compare with: run npm run bench${report.quick ? ' -- --quick' : ''} first (it writes ${path.basename(file)}).`)
		return
	}
	const sqlite = JSON.parse(readFileSync(file, 'utf8')) as Report
	const same = sqlite.settings.learners === report.settings.learners && sqlite.settings.connections === report.settings.connections
	const cell = (value: number | null | undefined, digits = 0) => (value === null || value === undefined ? '—' : value.toFixed(digits))
	const rows = report.runs.flatMap((run) => {
		const otherRun = sqlite.runs?.find((candidate) => candidate.workers === run.workers)
		return run.scenarios.map((scenario) => {
			const other = otherRun?.scenarios.find((candidate) => candidate.id === scenario.id)
			return `| ${scenario.label} (${run.workers}w) | ${cell(other?.load?.rps)} | ${cell(scenario.load?.rps)} | ${cell(other?.load?.p99)} | ${cell(scenario.load?.p99)} | ${cell(other?.cpuMsPerRequest, 1)} | ${cell(scenario.cpuMsPerRequest, 1)} |`
		})
	})
	console.log(
		[
			'',
			`SQLite (${sqlite.date}) beside PostgreSQL (this run)${same ? '' : ' — NOTE: different --learners or --connections, compare with care'}:`,
			'| scenario | SQLite req/s | PostgreSQL req/s | SQLite p99 ms | PostgreSQL p99 ms | SQLite CPU ms/req | PostgreSQL CPU ms/req |',
			'|---|---|---|---|---|---|---|',
			...rows,
			'',
		].join('\n'),
	)
}
