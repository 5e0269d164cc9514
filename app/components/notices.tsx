// The learner's notices (reminders from an organisation, decision 015), each dismissed by a form
// post: works without JavaScript.
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

type NoticeView = { id: string; text: string; coursePath: string }

export function Notices({ notices }: { notices: NoticeView[] }) {
	const { t } = useTranslation()
	if (notices.length === 0) return null
	return (
		<section aria-labelledby="notices" className="notices">
			<h2 id="notices">{t('reminders.notices')}</h2>
			<ul>
				{notices.map((notice) => (
					<li key={notice.id} className="notice">
						<p>{notice.text}</p>
						<p>
							<a href={notice.coursePath}>{t('reminders.openCourse')}</a>
						</p>
						<Form method="post" action="/account/notices">
							<input type="hidden" name="notice" value={notice.id} />
							<button type="submit" className="button button--secondary" aria-label={t('reminders.dismissLabel', { text: notice.text })}>
								{t('reminders.dismiss')}
							</button>
						</Form>
					</li>
				))}
			</ul>
		</section>
	)
}
