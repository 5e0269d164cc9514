// CLI: `npm run courses:check [-- <dir>]` prints file:line: message per problem; exit 1 on any.
import path from 'node:path'
import { checkCourses } from './check.server.ts'

const dir = path.resolve(process.argv[2] ?? 'courses')
const problems = await checkCourses(dir)
for (const problem of problems) {
	console.error(`${path.relative(process.cwd(), problem.file)}:${problem.line}: ${problem.message}`)
}
if (problems.length > 0) {
	console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} in ${path.relative(process.cwd(), dir) || '.'}`)
	process.exit(1)
}
console.log(`Courses in ${path.relative(process.cwd(), dir) || '.'} are valid.`)
