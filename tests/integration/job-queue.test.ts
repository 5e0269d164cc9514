// The job queue (decision 016) on this run's engine: SQLite under npm test, PostgreSQL under
// npm run test:pg. Concurrent workers never share a job; a dead worker's job is taken over.
import { expect, test } from 'vitest'
import { claimJobs, completeJob, enqueueJob, failJob, jobBacklog, LEASE_MS, offerRecurringJob, RECURRING, rescheduleJob } from '~/models/job-queue.server.ts'
import { prisma } from '~/utils/db.server.ts'

test('concurrent workers claim each due job once, and done jobs keep no payload', async () => {
	const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => enqueueJob('mail', { to: `p${i}@example.org`, subject: 's', text: 't' })))
	await enqueueJob('mail', { later: true }, new Date(Date.now() + 60_000))
	const claims = await Promise.all(['a', 'b', 'c', 'd'].map((worker) => claimJobs(worker, 20)))
	const claimed = claims.flat().map((job) => job.id)
	expect(claimed.sort()).toEqual([...ids].sort())
	expect(claims.flat().every((job) => job.attempts === 1 && job.kind === 'mail')).toBe(true)
	expect(await jobBacklog()).toBe(20)

	for (const [index, jobs] of claims.entries()) for (const job of jobs) await completeJob(job.id, ['a', 'b', 'c', 'd'][index]!)
	expect(await jobBacklog()).toBe(0)
	expect(await prisma.job.count({ where: { id: { in: ids }, payload: '{}', doneAt: { not: null } } })).toBe(20)
	// The job not yet due stays untouched.
	expect(await claimJobs('a')).toEqual([])
})

test('a failed job is retried later; a claim that outlived its lease is taken over', async () => {
	const id = await enqueueJob('mail', { to: 'x@example.org', subject: 's', text: 't' })
	const [job] = await claimJobs('a')
	expect(job?.id).toBe(id)
	await failJob(job!, 'a', new Error('mail server away'))
	const failed = await prisma.job.findUniqueOrThrow({ where: { id } })
	expect(failed).toMatchObject({ doneAt: null, claimedUntil: null, lastError: 'mail server away', attempts: 1 })
	expect(failed.runAt.getTime()).toBeGreaterThan(Date.now() + 50_000)

	// Due again, claimed by a worker that then dies: nobody else gets it until the lease ends.
	await prisma.job.update({ where: { id }, data: { runAt: new Date() } })
	expect((await claimJobs('dead')).map((claimed) => claimed.id)).toEqual([id])
	expect(await claimJobs('b')).toEqual([])
	await prisma.job.update({ where: { id }, data: { claimedUntil: new Date(Date.now() - 1) } })
	const [takenOver] = await claimJobs('b')
	expect(takenOver).toMatchObject({ id, attempts: 3 })
	// The dead worker's late completion does not count: the job is b's now.
	await completeJob(id, 'dead')
	expect((await prisma.job.findUniqueOrThrow({ where: { id } })).doneAt).toBeNull()
	await completeJob(id, 'b')
	expect((await prisma.job.findUniqueOrThrow({ where: { id } })).doneAt).not.toBeNull()
	expect(LEASE_MS).toBeGreaterThanOrEqual(30_000)
})

test('a recurring job offered by several instances at once is one row, claimed by one worker, moved on after its run', async () => {
	await prisma.job.deleteMany({ where: { id: 'lti-nonce-sweep' } })
	await Promise.all(Array.from({ length: 3 }, () => offerRecurringJob('lti-nonce-sweep')))
	expect(await prisma.job.count({ where: { kind: 'lti-nonce-sweep' } })).toBe(1)
	// Which of the three wins is the engine's race (on PostgreSQL not always the first asked).
	const claims = (await Promise.all(['a', 'b', 'c'].map(async (worker) => (await claimJobs(worker)).map((job) => ({ worker, job }))))).flat().filter(({ job }) => job.kind === 'lti-nonce-sweep')
	expect(claims).toHaveLength(1)
	const [{ worker, job: run }] = claims as [(typeof claims)[number]]
	const claimed = await prisma.job.findUniqueOrThrow({ where: { id: 'lti-nonce-sweep' } })
	// Its own lease, not the one-off jobs' minute.
	expect(claimed.claimedUntil!.getTime() - Date.now()).toBeLessThanOrEqual(RECURRING['lti-nonce-sweep'].leaseMs)
	// An instance starting while it runs asks for a run now: the run in progress is it.
	await offerRecurringJob('lti-nonce-sweep')
	expect(await claimJobs('d')).toEqual([])

	await rescheduleJob({ ...run, kind: 'lti-nonce-sweep' }, worker)
	const next = await prisma.job.findUniqueOrThrow({ where: { id: 'lti-nonce-sweep' } })
	expect(next).toMatchObject({ doneAt: null, claimedUntil: null, attempts: 0, lastError: null })
	expect(next.runAt.getTime()).toBeGreaterThan(Date.now() + RECURRING['lti-nonce-sweep'].everyMs - 60_000)
	expect(await claimJobs('b')).toEqual([])
	// A later start asks for a run now, as a lone process ran its jobs at start; a failed run is
	// moved on too, with its error kept.
	await offerRecurringJob('lti-nonce-sweep')
	const [again] = await claimJobs('b')
	expect(again?.id).toBe('lti-nonce-sweep')
	await rescheduleJob({ ...again!, kind: 'lti-nonce-sweep' }, 'b', new Error('database away'))
	expect(await prisma.job.findUniqueOrThrow({ where: { id: 'lti-nonce-sweep' } })).toMatchObject({ lastError: 'database away', claimedUntil: null, attempts: 0 })
})
