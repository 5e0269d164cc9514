// Reminders and the weekly digest (decision 015): the calendar keys that make them idempotent and
// what the digest may say. Pure: no data access.
import type { ReportPolicy } from '~/orgs/report-access.ts'

/** The UTC day a reminder counts against (one per learner, assignment and day). */
export function reminderDay(now: Date): string {
	return now.toISOString().slice(0, 10)
}

/** Monday 00:00 UTC of the ISO week a moment falls in: a digest sent since then was this week's. */
export function isoWeekStart(now: Date): Date {
	const weekday = now.getUTCDay() || 7
	return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (weekday - 1)))
}

/** One group's assignment past its due date: how many members, how many of them have not finished. */
export type OverdueCount = { groupName: string; courseSlug: string; dueAt: Date; members: number; overdue: number }

type DigestLine = ({ kind: 'counts' } & OverdueCount) | { kind: 'withheld'; groupName: string }

/**
 * What the digest lists: counts only, never a name. Under aggregate-only reports a group smaller
 * than the minimum is named without its counts (a count of one in a group of two is a person);
 * assignments nobody is overdue on are left out. Empty when there is nothing to report.
 */
export function digestLines(counts: readonly OverdueCount[], policy: ReportPolicy): DigestLine[] {
	const lines: DigestLine[] = []
	const withheld = new Set<string>()
	for (const count of counts) {
		if (count.overdue === 0) continue
		if (policy.aggregateOnly && count.members < policy.minReportGroupSize) {
			if (!withheld.has(count.groupName)) lines.push({ kind: 'withheld', groupName: count.groupName })
			withheld.add(count.groupName)
			continue
		}
		lines.push({ kind: 'counts', ...count })
	}
	return lines
}
