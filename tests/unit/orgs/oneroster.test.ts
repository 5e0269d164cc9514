import { strToU8, zipSync } from 'fflate'
import { describe, expect, test } from 'vitest'
import { MAX_FILE_BYTES, readRosterZip } from '~/orgs/oneroster.ts'
import { rosterFiles, rosterZip, type RosterFiles } from '../../fixtures/oneroster.ts'

const withFile = (name: string, text: string | null): RosterFiles => {
	const files = rosterFiles()
	if (text === null) delete files[name]
	else files[name] = text
	return files
}
const errorOf = (bytes: Uint8Array) => {
	const result = readRosterZip(bytes)
	if (result.ok) throw new Error('expected a refusal')
	return result.error
}

describe('reading a OneRoster 1.2 bulk zip', () => {
	test('classes, students (roles.csv), their enrolments, and the teacher set aside', () => {
		const result = readRosterZip(rosterZip())
		if (!result.ok) throw new Error(JSON.stringify(result.error))
		const { roster } = result
		expect(roster.version).toBe('1.2')
		expect(roster.classes).toEqual([
			{ sourcedId: 'class-7a', title: '7 А', line: 2 },
			{ sourcedId: 'class-7b', title: '7 Ә', line: 3 },
		])
		expect(roster.students.map((s) => [s.sourcedId, s.name, s.username])).toEqual([
			['stu-1', 'Әлия Серік', 'aliya.serik'],
			['stu-2', 'Диас Нұрланов', null],
			['stu-3', 'Анна Петрова', 'anna.p'],
		])
		expect(roster.enrolments.map((e) => `${e.classSourcedId}:${e.userSourcedId}`)).toEqual(['class-7a:stu-1', 'class-7a:stu-2', 'class-7b:stu-3', 'class-7b:stu-1'])
		expect(roster.others).toEqual([{ sourcedId: 'tch-1', name: 'Гүлнар Ахметова', role: 'teacher', line: 5 }])
	})

	test("a 1.1 users.csv with its role column, no roles.csv, files inside the export's folder", () => {
		const files = rosterFiles()
		files['manifest.csv'] = files['manifest.csv']!.replace('oneroster.version,1.2', 'oneroster.version,1.1').replace('file.roles,bulk', 'file.roles,absent')
		delete files['roles.csv']
		files['users.csv'] = [
			'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password',
			'stu-1,active,,true,org-1,student,aliya.serik,,Әлия,Серік,,,aliya@example.org,,,,07,',
			'stu-2,active,,true,org-1,student,,,Диас,Нұрланов,,,,,,,07,',
			'stu-3,tobedeleted,,true,org-1,student,anna.p,,Анна,Петрова,,,,,,,07,',
			'tch-1,active,,true,org-1,teacher,g.a,,Гүлнар,Ахметова,,,,,,,,',
		].join('\n')
		const zipped = zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [`export-2026/${name}`, strToU8(text)])))
		const result = readRosterZip(zipped)
		if (!result.ok) throw new Error(JSON.stringify(result.error))
		expect(result.roster.students.map((s) => [s.sourcedId, s.email])).toEqual([
			['stu-1', 'aliya@example.org'],
			['stu-2', null],
		])
		// The deleted student's enrolment goes with them.
		expect(result.roster.enrolments.map((e) => e.userSourcedId)).toEqual(['stu-1', 'stu-2', 'stu-1'])
		expect(result.roster.others.map((o) => o.role)).toEqual(['teacher'])
	})

	test('not a zip, or an empty upload', () => {
		expect(errorOf(strToU8('name\nӘлия\n'))).toEqual({ code: 'notZip' })
		expect(errorOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array(40).fill(0)]))).toEqual({ code: 'notZip' })
	})

	test('a required file missing, or the manifest calling it absent or delta', () => {
		expect(errorOf(rosterZip(withFile('classes.csv', null)))).toEqual({ code: 'missingFile', file: 'classes.csv' })
		expect(errorOf(rosterZip(withFile('manifest.csv', null)))).toEqual({ code: 'missingFile', file: 'manifest.csv' })
		const manifest = rosterFiles()['manifest.csv']!
		expect(errorOf(rosterZip(withFile('manifest.csv', manifest.replace('file.enrollments,bulk', 'file.enrollments,absent'))))).toEqual({ code: 'manifestAbsent', file: 'enrollments.csv' })
		expect(errorOf(rosterZip(withFile('manifest.csv', manifest.replace('file.users,bulk', 'file.users,delta'))))).toEqual({ code: 'delta', file: 'users.csv' })
		expect(errorOf(rosterZip(withFile('manifest.csv', manifest.replace('oneroster.version,1.2', 'oneroster.version,2.0'))))).toEqual({ code: 'version', version: '2.0' })
	})

	test('a bad header names the file and the missing column', () => {
		const users = rosterFiles()['users.csv']!.replace('givenName', 'firstName')
		expect(errorOf(rosterZip(withFile('users.csv', users)))).toEqual({ code: 'missingColumn', file: 'users.csv', column: 'givenName' })
		const classes = rosterFiles()['classes.csv']!.replace('sourcedId,status', 'sourcedId,sourcedId')
		expect(errorOf(rosterZip(withFile('classes.csv', classes)))).toEqual({ code: 'duplicateColumn', file: 'classes.csv', column: 'sourcedId' })
	})

	test('rows referencing unknown sourcedIds, and broken rows, name the file and line', () => {
		const enrollments = `${rosterFiles()['enrollments.csv']}\r\nenr-6,active,,class-9z,org-1,stu-2,student,false,,`
		expect(errorOf(rosterZip(withFile('enrollments.csv', enrollments)))).toEqual({ code: 'row', file: 'enrollments.csv', line: 7, problem: { code: 'unknownRef', column: 'classSourcedId', sourcedId: 'class-9z', file: 'classes.csv' } })
		const roles = rosterFiles()['roles.csv']!.replace('role-4,active,2026-09-01T08:00:00.000Z,tch-1', 'role-4,active,,tch-9')
		expect(errorOf(rosterZip(withFile('roles.csv', roles)))).toMatchObject({ file: 'roles.csv', line: 5, problem: { code: 'unknownRef', sourcedId: 'tch-9' } })
		const classes = rosterFiles()['classes.csv']!.replace('class-7b,active', 'class-7a,active')
		expect(errorOf(rosterZip(withFile('classes.csv', classes)))).toEqual({ code: 'row', file: 'classes.csv', line: 3, problem: { code: 'duplicateId', sourcedId: 'class-7a', first: 2 } })
		const users = rosterFiles()['users.csv']!.replace('Диас', '=HYPERLINK("http://evil")')
		expect(errorOf(rosterZip(withFile('users.csv', users)))).toMatchObject({ file: 'users.csv', line: 3, problem: { code: 'formula', column: 'givenName' } })
		const short = `${rosterFiles()['orgs.csv']}\r\norg-2,active`
		expect(errorOf(rosterZip(withFile('orgs.csv', short)))).toMatchObject({ file: 'orgs.csv', line: 3, problem: { code: 'cellCount' } })
	})

	test('a file that is not UTF-8', () => {
		const files = rosterFiles()
		const zipped = zipSync({ ...Object.fromEntries(Object.entries(files).map(([n, t]) => [n, strToU8(t)])), 'orgs.csv': new Uint8Array([...strToU8('sourcedId,name,type\norg-1,'), 0xcc, 0xe5, 0xea, ...strToU8(',school\n')]) })
		expect(errorOf(zipped)).toEqual({ code: 'notUtf8', file: 'orgs.csv' })
	})

	test('a zip bomb is refused from its declared sizes, before inflating', () => {
		// 10 MB of one byte repeated deflates to about 10 KB.
		const files = Object.fromEntries(Object.entries(rosterFiles()).map(([n, t]) => [n, strToU8(t)]))
		const bomb = zipSync({ ...files, 'users.csv': new Uint8Array(10_000_000).fill(0x41) }, { level: 9 })
		expect(bomb.length).toBeLessThan(500_000)
		expect(errorOf(bomb)).toEqual({ code: 'unpackedTooLarge', file: 'users.csv', max: MAX_FILE_BYTES })
		// Lying about the size does not help: fflate inflates into the declared size only, so the
		// cut-off file is read as what it is (here: a users.csv without its columns).
		const honest = zipSync({ ...files, 'users.csv': new Uint8Array(5_000_000).fill(0x41) }, { level: 9 })
		const liar = honest.slice()
		lieAboutSize(liar, 'users.csv', 1000)
		expect(errorOf(liar)).toMatchObject({ code: 'missingColumn', file: 'users.csv' })
	})

	test('too large an upload, too many rows or students', () => {
		expect(errorOf(new Uint8Array(500_001).fill(0x50))).toEqual({ code: 'tooLarge', max: 500_000 })
		const header = rosterFiles()['users.csv']!.split('\r\n')[0]
		const many = [header, ...Array.from({ length: 501 }, (_, i) => `s${i},active,,true,,,Оқушы,Номер${'а'.repeat(i % 5)},,,,,,,,,,,,,,org-1,`)].join('\n')
		const manyRoles = rosterFiles()['manifest.csv']!.replace('file.roles,bulk', 'file.roles,absent')
		const files = withFile('users.csv', many)
		files['manifest.csv'] = manyRoles
		files['enrollments.csv'] = [rosterFiles()['enrollments.csv']!.split('\r\n')[0], ...Array.from({ length: 501 }, (_, i) => `e${i},active,,class-7a,org-1,s${i},student,false,,`)].join('\n')
		expect(errorOf(rosterZip(files))).toEqual({ code: 'tooManyStudents', max: 500, count: 501 })
		const rows = [header, ...Array.from({ length: 5001 }, (_, i) => `s${i},active,,true,,,A,B,,,,,,,,,,,,,,org-1,`)].join('\n')
		expect(errorOf(rosterZip(withFile('users.csv', rows)))).toEqual({ code: 'tooManyRows', file: 'users.csv', max: 5000 })
	})
})

/** Rewrites the uncompressed size the central directory declares for one entry. */
function lieAboutSize(zip: Uint8Array, name: string, size: number) {
	const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
	for (let i = 0; i < zip.length - 46; i++) {
		if (view.getUint32(i, true) !== 0x02014b50) continue
		const nameLength = view.getUint16(i + 28, true)
		if (new TextDecoder().decode(zip.subarray(i + 46, i + 46 + nameLength)) === name) view.setUint32(i + 24, size, true)
	}
}
