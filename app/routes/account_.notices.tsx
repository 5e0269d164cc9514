// POST /account/notices: the signed-in person dismisses one of their notices (decision 015). A
// notice of someone else's is left as it is, with the same answer: ids say nothing.
import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { z } from 'zod'
import { requireUser } from '~/auth/guards.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { dismissNotice } from '~/models/reminders.server.ts'
import { redirectWithFlash } from '~/utils/flash.server.ts'
import { parseForm, refusal } from '~/utils/forms.server.ts'
import { limitWrite, writeRules } from '~/utils/rate-limit.server.ts'

const dismissSchema = z.object({ notice: z.string({ required_error: 'reminders.invalid' }).min(1).max(40) })

/** The notices are on the account page. */
export async function loader() {
	return redirect('/account')
}

export async function action({ request, context }: ActionFunctionArgs) {
	const user = await requireUser(request)
	await limitWrite(request, context, writeRules.noticeDismissal, user.id)
	const submission = await parseForm(request, dismissSchema)
	if (submission.status !== 'success') throw await refusal(request, 'reminders.invalid')
	await dismissNotice(user.id, submission.value.notice)
	return redirectWithFlash('/account#notices', 'reminders.flash.dismissed')
}

export default function Notices() {
	return null
}

export const ErrorBoundary = GeneralErrorBoundary
