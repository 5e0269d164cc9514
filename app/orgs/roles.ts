// The roles a person can have in an organisation, what each may do, and the words for them
// (decision 020). Every guard call names one of the capability lists below, never roles by hand.
export const ORG_ROLES = ['owner', 'admin', 'viewer', 'learner'] as const
export type OrgRole = (typeof ORG_ROLES)[number]

/** Settings, staff and certificates administration: owners only. */
export const OWNER_ROLES = ['owner'] as const satisfies readonly OrgRole[]
/** Groups, accounts, assignments, enrolment, PINs, group membership, staff invitations. */
export const MANAGE_ROLES = ['owner', 'admin'] as const satisfies readonly OrgRole[]
/** Reading reports (under aggregate-only, totals only: report-access.ts). */
export const REPORT_ROLES = ['owner', 'admin', 'viewer'] as const satisfies readonly OrgRole[]

/** The roles an owner may invite someone to run the organisation with (form and server share the list). */
export const INVITE_ROLES = ['admin', 'viewer', 'owner'] as const
export type InviteRole = (typeof INVITE_ROLES)[number]

export function mayManage(role: OrgRole): boolean {
	return (MANAGE_ROLES as readonly OrgRole[]).includes(role)
}

/** The translation key naming a role; translate it with `{ context: org.kind }` (the kind picks the words). */
export function roleLabelKey(role: string): string {
	return `members.role.${role}`
}
