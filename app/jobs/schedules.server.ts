// Scheduled work (decision 016): each instance offers every hour's run to the job queue; the hour
// is the job's id, so with several instances one run exists per hour and one worker does it.
import { scheduleJob } from '~/models/job-queue.server.ts'
import { startIntervalJob } from '~/utils/interval-job.server.ts'

const HOUR_MS = 60 * 60 * 1000

/** "2026-12-02T01": the slot a run at `now` belongs to. */
export const hourSlot = (now: Date) => now.toISOString().slice(0, 13)

/** Returns a function that stops offering. */
export function startSchedules(log: (line: string) => void): () => void {
	return startIntervalJob(
		'recertification reminders',
		HOUR_MS,
		async () => ((await scheduleJob('recertification-reminders', hourSlot(new Date()))) ? 'queued' : null),
		log,
	)
}
