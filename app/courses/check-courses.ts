// CLI: `npm run courses:check [-- <dir>]` prints file:line: message per problem; exit 1 on any.
// It also prints, per quiz, how often the right option is the longest, and warnings (options far
// shorter than the right one) that do not fail the check.
import path from 'node:path'
import { assessmentReport, checkCourses } from '~/courses/check.server.ts'
import { courseFolders, readCourse } from '~/courses/read.server.ts'

const dir = path.resolve(process.argv[2] ?? 'courses')
const where = (file: string) => path.relative(process.cwd(), file)
for (const folder of courseFolders(dir)) {
	const { course } = readCourse(folder)
	if (!course?.quiz) continue
	const { reports, warnings } = assessmentReport(course)
	const figures = reports.map((report) => `${report.locale} ${report.rightLongest}/${report.items} (${Math.round(report.share * 100)} %)`).join(', ')
	console.log(`${course.slug}: pool ${course.quiz.questions.length}, draw ${course.quiz.draw ?? '—'}; right option longest: ${figures}`)
	for (const warning of warnings) console.log(`${where(warning.file)}:${warning.line}: warning: ${warning.message}`)
}
const problems = await checkCourses(dir)
for (const problem of problems) {
	console.error(`${where(problem.file)}:${problem.line}: ${problem.message}`)
}
if (problems.length > 0) {
	console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} in ${where(dir) || '.'}`)
	process.exit(1)
}
console.log(`Courses in ${where(dir) || '.'} are valid.`)
