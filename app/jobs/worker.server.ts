// The job worker each instance runs (decision 016): claims due jobs, runs their handler, and
// records the outcome. Several instances may run it against one database; each job runs on one.
import { claimJobs, completeJob, failJob, type ClaimedJob, type JobKind } from '~/models/job-queue.server.ts'
import { deliverMail, type Mail } from '~/models/mail.server.ts'
import { sendDueReminders } from '~/models/recertification.server.ts'

type Log = (line: string) => void

const handlers: Record<JobKind, (job: ClaimedJob, log: Log) => Promise<void> | void> = {
	mail: (job) => deliverMail(job.payload as Mail, job.id),
	'recertification-reminders': async (_job, log) => {
		const sent = await sendDueReminders()
		if (sent) log(`recertification reminders: sent ${sent}`)
	},
}

export type JobWorker = { stop(): Promise<void>; runOnce(): Promise<number> }

export function startJobWorker({ instanceId, intervalMs, log }: { instanceId: string; intervalMs: number; log: Log }): JobWorker {
	let stopping = false
	let current: Promise<number> = Promise.resolve(0)

	const runOnce = async (): Promise<number> => {
		const jobs = await claimJobs(instanceId)
		for (const job of jobs) {
			try {
				await handlers[job.kind](job, log)
				await completeJob(job.id, instanceId)
			} catch (error) {
				log(`Job ${job.id} (${job.kind}) failed on attempt ${job.attempts}: ${error instanceof Error ? error.message : String(error)}`)
				await failJob(job, instanceId, error)
			}
		}
		return jobs.length
	}

	const tick = () => {
		if (stopping) return
		current = runOnce()
			.catch((error: unknown) => {
				// The database may be briefly away (a failover): try again next tick.
				log(`Job worker: ${error instanceof Error ? error.message : String(error)}`)
				return 0
			})
			.finally(() => {
				if (!stopping) timer = setTimeout(tick, intervalMs)
			})
	}
	let timer = setTimeout(tick, 0)

	return {
		runOnce,
		async stop() {
			stopping = true
			clearTimeout(timer)
			await current
		},
	}
}
