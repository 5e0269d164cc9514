// POST /orgs/:org/reminders: an owner or administrator reminds overdue learners of one of the
// organisation's assignments (decision 015), everyone overdue on it or, where individuals may be
// seen, one person. The assignment must be one of this organisation's groups' and the person a
// member of that group: anything else is the same 404, so ids of other organisations' people or
// assignments cannot be told apart from made-up ones. Under aggregate-only reports only "everyone"
// is offered, and its answer is the same whoever was reminded: it must not tell who is overdue.
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { z } from 'zod'
import { forbidden, requireOrgRole } from '~/auth/guards.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { findOrgAssignment, remindLearner, remindOverdue } from '~/models/reminders.server.ts'
import { reportAccess } from '~/orgs/report-access.ts'
import { MANAGE_ROLES } from '~/orgs/roles.ts'
import { redirectWithFlash } from '~/utils/flash.server.ts'
import { parseForm, refusal } from '~/utils/forms.server.ts'
import { limitWrite, writeRules } from '~/utils/rate-limit.server.ts'

const INVALID = 'reminders.invalid'
const reminderSchema = z.object({
	assignment: z.string({ required_error: INVALID }).min(1, INVALID).max(40, INVALID),
	/** One member of the assignment's group; without it, everyone overdue on it. */
	learner: z.string().max(40, INVALID).optional(),
	/** Where the form was: the learner's page or the group's. */
	from: z.enum(['group', 'learner']).default('group'),
})

/** Nothing to show: the forms are on the group and learner pages. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { org } = await requireOrgRole(request, params.org, MANAGE_ROLES)
	return redirect(`/orgs/${org.slug}`)
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { org, role, user } = await requireOrgRole(request, params.org, MANAGE_ROLES)
	await limitWrite(request, context, writeRules.reminder, user.id)
	const submission = await parseForm(request, reminderSchema)
	if (submission.status !== 'success') throw await refusal(request, INVALID)
	const { learner, from } = submission.value
	const assignment = await findOrgAssignment(org.id, submission.value.assignment)
	if (!assignment) throw await refusal(request, 'reminders.notFound', { status: 404 })
	const groupPage = `/orgs/${org.slug}/groups/${assignment.groupId}`
	if (learner === undefined) {
		await remindOverdue(org, assignment)
		return redirectWithFlash(groupPage, 'reminders.flash.sentToOverdue')
	}
	// Whether one person is overdue is an individual's row: not for aggregate-only readers.
	if (!reportAccess(org, role).individuals) return forbidden(request)
	const outcome = await remindLearner(org, assignment, learner)
	if (outcome === 'notInGroup') throw await refusal(request, 'reminders.notFound', { status: 404 })
	return redirectWithFlash(from === 'learner' ? `/orgs/${org.slug}/learners/${learner}` : groupPage, `reminders.flash.${outcome}`)
}

export default function Reminders() {
	return null
}

export const ErrorBoundary = GeneralErrorBoundary
