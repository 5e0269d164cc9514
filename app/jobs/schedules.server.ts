// Recurring work (decision 016): each kind is one row of the job queue, so with several instances
// one run of each happens at a time; a run's report is logged by the worker.
import { offerRecurringJob, RECURRING, type RecurringKind } from '~/models/job-queue.server.ts'
import { deliverDueScores } from '~/models/lti-scores.server.ts'
import { sweepNonces } from '~/models/lti.server.ts'
import { sendDueReminders } from '~/models/recertification.server.ts'
import { sendWeeklyDigests } from '~/models/reminders.server.ts'
import { deliverDueStatements } from '~/models/xapi-delivery.server.ts'

type Run = { name: string; run: () => Promise<string | null> }

export const recurringRuns: Record<RecurringKind, Run> = {
	'recertification-reminders': {
		name: 'recertification reminders',
		run: async () => {
			const sent = await sendDueReminders()
			return sent ? `sent ${sent}` : null
		},
	},
	'xapi-delivery': {
		name: 'xAPI delivery',
		run: async () => {
			const { delivered, failed } = await deliverDueStatements()
			const failures = failed.map((batch) => `${batch.ids.length} failed (${batch.error})`)
			return delivered.length || failures.length ? [...(delivered.length ? [`delivered ${delivered.length}`] : []), ...failures].join(', ') : null
		},
	},
	// Quiz scores for LMS gradebooks (decision 021): soon after the attempt, retried with backoff.
	'lti-score-delivery': {
		name: 'LTI scores',
		run: async () => {
			const { delivered, failed } = await deliverDueScores()
			return delivered || failed ? `delivered ${delivered}, to retry ${failed}` : null
		},
	},
	'lti-nonce-sweep': { name: 'LTI nonces', run: async () => ((await sweepNonces()) ? 'swept used nonces' : null) },
	'weekly-digests': {
		name: 'weekly digests',
		run: async () => {
			const sent = await sendWeeklyDigests()
			return sent ? `sent to ${sent} organisations` : null
		},
	},
}

/** At start: every recurring job is due now (once for all instances that start together). */
export async function offerRecurringJobs(): Promise<void> {
	for (const kind of Object.keys(RECURRING) as RecurringKind[]) await offerRecurringJob(kind)
}
