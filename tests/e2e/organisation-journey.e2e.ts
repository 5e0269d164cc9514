// What a school comes for, end to end: a teacher creates a class, assigns a course, creates pupil
// accounts and prints their cards; a pupil signs in with a card and completes the course; the
// teacher's dashboard and its CSV download show it.
import { expect, inject, test } from 'vitest'
import { answerSampleQuizRight, browserForFile } from './browser.ts'

const baseUrl = inject('baseUrl')
const browser = browserForFile()

test('a teacher sets up a class with pupil accounts; a pupil finishes the assigned course; the dashboard and its CSV show it', async () => {
	const errors: string[] = []
	const teacherContext = await browser().newContext()
	const teacher = await teacherContext.newPage()
	teacher.on('console', (message) => message.type() === 'error' && errors.push(message.text()))

	// The demo school's teacher signs in and lands on the organisation page after it. No language
	// was chosen on the sign-in page (it follows the browser's), so the account's own applies.
	await teacher.goto(`${baseUrl}/login?redirectTo=${encodeURIComponent('/orgs/demo-school')}`)
	await teacher.locator('html.quick-exit-ready').waitFor({ state: 'attached' })
	await teacher.locator('#account-login input[name="login"]').fill('teacher@example.org')
	await teacher.locator('#account-login input[name="password"]').fill('demo-teacher-password')
	await teacher.locator('#account-login button[type="submit"]').click()
	await teacher.waitForURL(/\/orgs\/demo-school$/)
	// Signed in, the site speaks the teacher's own language (Kazakh); the organisation pages'
	// strings arrive with the client-side navigation: text, never keys.
	await teacher.getByRole('navigation', { name: 'Ұйымды басқару' }).waitFor()
	expect(await teacher.locator('main').innerText()).not.toMatch(/orgPage\.|groupPage\./)

	await teacher.goto(`${baseUrl}/orgs/demo-school?lng=en`)
	await teacher.getByLabel('Name', { exact: true }).fill('9 B')
	await teacher.getByRole('button', { name: 'Create' }).click()
	await teacher.locator('h1', { hasText: '9 B' }).waitFor()
	const classUrl = teacher.url()
	await teacher.getByLabel('Sample course').check()
	await teacher.getByRole('button', { name: 'Assign' }).click()
	await teacher.getByRole('heading', { name: 'Sample course' }).waitFor()

	// Pupil accounts and their printed cards.
	await teacher.getByRole('link', { name: 'Pupil accounts, login cards and new PINs' }).click()
	await teacher.getByLabel('Names, one per line').fill('Ерлан Сейіт\nАйша Нұр')
	await teacher.getByRole('button', { name: 'Create accounts and show login cards' }).click()
	await teacher.locator('h1', { hasText: 'Login cards' }).waitFor()
	const card = await teacher.locator('.login-card').first().evaluate((element) => {
		const values = [...element.querySelectorAll('dd')].map((dd) => dd.textContent ?? '')
		const url = element.querySelector('.login-card__url')?.textContent?.split(': ')[1] ?? ''
		return { name: element.querySelector('.login-card__name')?.textContent, orgCode: values[0]!, username: values[1]!, pin: values[2]!, url }
	})
	expect(card).toMatchObject({ name: 'Ерлан Сейіт', orgCode: 'DEMO1', url: `${baseUrl}/login?school=DEMO1` })
	await teacher.emulateMedia({ media: 'print' })
	expect(await teacher.locator('.site-header').isVisible()).toBe(false)
	expect(await teacher.locator('.login-card').first().isVisible()).toBe(true)
	await teacher.emulateMedia({ media: 'screen' })

	// The pupil, on their own device, signs in with the card and finds the course assigned.
	const pupilContext = await browser().newContext()
	const pupil = await pupilContext.newPage()
	// The card's link (and its QR code) fills in the school code.
	await pupil.goto(`${card.url}&lng=en`)
	const form = pupil.getByRole('region', { name: 'Pupils: sign in with your school code' })
	expect(await form.getByLabel('School code').inputValue()).toBe('DEMO1')
	await form.getByLabel('Username').fill(card.username)
	await form.getByLabel('PIN').fill(card.pin)
	await form.getByRole('button', { name: 'Sign in' }).click()
	await pupil.waitForURL((url) => url.pathname !== '/login')
	await pupil.goto(`${baseUrl}/?lng=en`)
	await pupil.getByRole('link', { name: 'Sample course' }).first().waitFor()
	for (const lesson of ['first-lesson', 'second-lesson', 'third-lesson']) {
		await pupil.goto(`${baseUrl}/courses/sample-course/lessons/${lesson}`)
		await pupil.getByRole('button', { name: /^Complete/ }).click()
		await pupil.waitForURL((url) => !url.pathname.endsWith(`/${lesson}`))
	}
	await answerSampleQuizRight(pupil)
	await pupil.getByRole('button', { name: 'Submit answers' }).click()
	await pupil.getByText('You passed. Well done.').waitFor()
	await pupil.getByRole('button', { name: 'Issue my certificate' }).click()
	await pupil.locator('h1', { hasText: 'Certificate of completion' }).waitFor()
	await pupilContext.close()

	// The teacher's dashboard shows it, and so does the CSV download.
	await teacher.goto(classUrl)
	const row = teacher.getByRole('row', { name: /Ерлан Сейіт/ })
	await row.waitFor()
	expect(await row.innerText()).toMatch(/Certified\s+3\s+100 %\s+\d{4}-\d{2}-\d{2}/)
	expect(await teacher.locator('.status-counts').first().innerText()).toContain('Certified: 1')
	const href = await teacher.getByRole('link', { name: 'Download this table (CSV)' }).first().getAttribute('href')
	const csv = await teacherContext.request.get(`${baseUrl}${href}`)
	expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8')
	const text = (await csv.body()).toString('utf8')
	// Semicolons between cells (Excel with Russian or Kazakh settings): name; status; lessons done; of; best %; certificate date.
	expect(text).toMatch(/"Ерлан Сейіт";"Certified";"3";"3";"100";"\d{4}-\d{2}-\d{2}"/)
	expect(text).toContain('"Айша Нұр";"Not started";"0";"3";"";""')
	expect(errors).toEqual([])
	await teacherContext.close()
})
