// Reminders without JavaScript (decision 015): the demo school's teacher (an administrator) makes
// a class whose course was due long ago, reminds the overdue pupils, and the pupil, signing in
// with their card, sees the notice on the account page and dismisses it.
import { expect, inject, test } from 'vitest'
import { browserForFile } from './browser.ts'

const baseUrl = inject('baseUrl')
const browser = browserForFile()

test('an administrator reminds an overdue pupil with JavaScript off; the pupil sees the notice and dismisses it', async () => {
	const teacherContext = await browser().newContext({ javaScriptEnabled: false })
	const teacher = await teacherContext.newPage()
	await teacher.goto(`${baseUrl}/login?lng=en&redirectTo=${encodeURIComponent('/orgs/demo-school')}`)
	await teacher.locator('#account-login input[name="login"]').fill('teacher@example.org')
	await teacher.locator('#account-login input[name="password"]').fill('demo-teacher-password')
	await teacher.locator('#account-login button[type="submit"]').click()
	await teacher.waitForURL(/\/orgs\/demo-school$/)

	await teacher.goto(`${baseUrl}/orgs/demo-school?lng=en`)
	await teacher.getByLabel('Name', { exact: true }).fill('Late class')
	await teacher.getByRole('button', { name: 'Create' }).click()
	await teacher.locator('h1', { hasText: 'Late class' }).waitFor()
	const classUrl = teacher.url()
	await teacher.getByLabel('Sample course').check()
	await teacher.getByLabel('Due date').fill('2020-01-31')
	await teacher.getByRole('button', { name: 'Assign' }).click()
	await teacher.getByRole('heading', { name: 'Sample course' }).waitFor()

	await teacher.getByRole('link', { name: 'Pupil accounts, login cards and new PINs' }).click()
	await teacher.getByLabel('Names, one per line').fill('Арман Кеш')
	await teacher.getByRole('button', { name: 'Create accounts and show login cards' }).click()
	await teacher.locator('h1', { hasText: 'Login cards' }).waitFor()
	const card = await teacher.locator('.login-card').first().evaluate((element) => {
		const values = [...element.querySelectorAll('dd')].map((dd) => dd.textContent ?? '')
		return { orgCode: values[0]!, username: values[1]!, pin: values[2]! }
	})

	// The reminder: a plain form post, answered by a redirect and a flash message.
	await teacher.goto(`${classUrl}?lng=en`)
	await teacher.getByRole('button', { name: 'Remind the pupils who are overdue' }).click()
	await teacher.getByText('Everyone overdue who had no reminder today has been reminded.').waitFor()
	expect(new URL(teacher.url()).pathname).toBe(new URL(classUrl).pathname)

	const pupilContext = await browser().newContext({ javaScriptEnabled: false })
	const pupil = await pupilContext.newPage()
	await pupil.goto(`${baseUrl}/login?lng=en&school=${card.orgCode}`)
	const form = pupil.getByRole('region', { name: 'Pupils: sign in with your school code' })
	await form.getByLabel('Username').fill(card.username)
	await form.getByLabel('PIN').fill(card.pin)
	await form.getByRole('button', { name: 'Sign in' }).click()
	await pupil.waitForURL((url) => url.pathname !== '/login')
	await pupil.goto(`${baseUrl}/account?lng=en`)
	const notice = pupil.locator('.notices li')
	expect(await notice.innerText()).toContain('Demo School No. 1 reminds you: “Sample course” was due on 31 January 2020.')
	await notice.getByRole('button', { name: /^Dismiss the notice/ }).click()
	await pupil.getByText('Notice dismissed.').waitFor()
	expect(await pupil.locator('.notices').count()).toBe(0)
	await teacherContext.close()
	await pupilContext.close()
})
