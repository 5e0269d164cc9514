// The job worker each instance runs (decision 016): claims due jobs, runs their handler, and
// records the outcome. Several instances may run it against one database; each job runs on one.
import { claimJobs, completeJob, failJob, isRecurring, rescheduleJob, type ClaimedJob } from '~/models/job-queue.server.ts'
import { deliverMail, type Mail } from '~/models/mail.server.ts'
import { recurringRuns } from '~/jobs/schedules.server.ts'

type Log = (line: string) => void

/** A recurring job is moved on to its next run whatever happens; a one-off job is done or retried. */
async function runJob(job: ClaimedJob, instanceId: string, log: Log) {
	const { kind } = job
	if (isRecurring(kind)) {
		const { name, run } = recurringRuns[kind]
		try {
			const report = await run()
			if (report) log(`${name}: ${report}`)
			await rescheduleJob({ ...job, kind }, instanceId)
		} catch (error) {
			log(`${name} failed: ${error instanceof Error ? error.message : String(error)}`)
			await rescheduleJob({ ...job, kind }, instanceId, error)
		}
		return
	}
	try {
		await deliverMail(job.payload as Mail, job.id)
		await completeJob(job.id, instanceId)
	} catch (error) {
		log(`Job ${job.id} (${kind}) failed on attempt ${job.attempts}: ${error instanceof Error ? error.message : String(error)}`)
		await failJob(job, instanceId, error)
	}
}

type JobWorker = { stop(): Promise<void>; runOnce(): Promise<number> }

export function startJobWorker({ instanceId, intervalMs, log }: { instanceId: string; intervalMs: number; log: Log }): JobWorker {
	let stopping = false
	let current: Promise<number> = Promise.resolve(0)

	const runOnce = async (): Promise<number> => {
		const jobs = await claimJobs(instanceId)
		for (const job of jobs) await runJob(job, instanceId, log)
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
