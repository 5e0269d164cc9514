import { expect, test } from 'vitest'
import { orgRoleFor } from '~/lti/claims.ts'
import { scoresUrl } from '~/lti/ags.server.ts'
import { backoffMs } from '~/models/lti-scores.server.ts'

const MEMBERSHIP = 'http://purl.imsglobal.org/vocab/lis/v2/membership'

test('teaching roles in the LMS course make a teacher; anything else, institution roles included, a learner', () => {
	expect(orgRoleFor([`${MEMBERSHIP}#Instructor`])).toBe('admin')
	expect(orgRoleFor([`${MEMBERSHIP}/Instructor#TeachingAssistant`])).toBe('admin')
	expect(orgRoleFor(['ContentDeveloper'])).toBe('admin')
	expect(orgRoleFor([`${MEMBERSHIP}#Learner`])).toBe('learner')
	expect(orgRoleFor([])).toBe('learner')
	// An institution-wide or system administrator is not a teacher of this course.
	expect(orgRoleFor(['http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor', 'http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator'])).toBe('learner')
	expect(orgRoleFor([`${MEMBERSHIP}#Learner`, `${MEMBERSHIP}#Instructor`])).toBe('admin')
})

test('the scores service is the line item with /scores added to its path, its query kept', () => {
	expect(scoresUrl('https://lms.example/api/lineitems/7?type_id=3')).toBe('https://lms.example/api/lineitems/7/scores?type_id=3')
	expect(scoresUrl('https://lms.example/lineitems/7/')).toBe('https://lms.example/lineitems/7/scores')
})

test('retries back off from 10 s, doubling, to at most an hour', () => {
	expect([1, 2, 3, 4].map(backoffMs)).toEqual([10_000, 20_000, 40_000, 80_000])
	expect(backoffMs(50)).toBe(3_600_000)
})
